/** The libraries (and their installed versions) behind each consumer, for the lines under the tables. */
import type { ConsumerRole } from "../consumers/consumer.js";
import { vendorOf, type Wire } from "../scenario.js";
import { versionOf } from "./machine.js";

/** e.g. `@promptstream/provider-openai@0.1.0 on openai@6.30.1`. */
export function librariesOf(consumer: { readonly wire: Wire; readonly role: ConsumerRole }): string {
  const pkg = (name: string): string => `${name}@${versionOf(name)}`;
  const vendor = vendorOf(consumer.wire);
  const sdk = vendor === "openai" ? "openai" : "@anthropic-ai/sdk";
  switch (consumer.role) {
    case "floor":
      return `node ${process.version} fetch`;
    case "raw-sdk":
      return pkg(sdk);
    case "promptstream":
      return `${pkg(`@promptstream/provider-${vendor}`)} on ${pkg(sdk)}`;
    case "ai-sdk":
      return `${pkg("ai")} + ${pkg(`@ai-sdk/${vendor}`)}`;
    case "langchain":
      return `${pkg(`@langchain/${vendor}`)} + ${pkg("@langchain/core")}`;
  }
}
