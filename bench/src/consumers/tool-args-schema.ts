/** The tool's arguments as a zod 4 schema, for the consumers whose library validates them (promptstream, the AI SDK). */
import { z } from "zod";

/** `{ query, items }`: the shape of `toolArgs` in tool-scenario.ts. */
export const toolArgsSchema = z.object({ query: z.string(), items: z.array(z.union([z.string(), z.number()])) });
