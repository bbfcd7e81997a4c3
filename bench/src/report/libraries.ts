/** The libraries (and their installed versions) behind each consumer, for the lines under the tables. */
import type { ConsumerRole } from "../consumers/consumer.js";
import { type Vendor, vendorOf, type Wire } from "../scenario.js";
import { versionOf } from "./machine.js";

/** A vendor's packages: its SDK, promptstream's provider, the AI SDK's provider and LangChain's. */
interface VendorPackages {
  readonly sdk: string;
  readonly provider: string;
  readonly aiSdk: string;
  readonly langchain: string;
}

const PACKAGES: Readonly<Record<Vendor, VendorPackages>> = {
  openai: {
    sdk: "openai",
    provider: "@promptstream/provider-openai",
    aiSdk: "@ai-sdk/openai",
    langchain: "@langchain/openai",
  },
  anthropic: {
    sdk: "@anthropic-ai/sdk",
    provider: "@promptstream/provider-anthropic",
    aiSdk: "@ai-sdk/anthropic",
    langchain: "@langchain/anthropic",
  },
  google: {
    sdk: "@google/genai",
    provider: "@promptstream/provider-google",
    aiSdk: "@ai-sdk/google",
    langchain: "@langchain/google-genai",
  },
};

/** e.g. `@promptstream/provider-openai@0.1.0 on openai@6.30.1`. */
export function librariesOf(consumer: { readonly wire: Wire; readonly role: ConsumerRole }): string {
  const pkg = (name: string): string => `${name}@${versionOf(name)}`;
  const packages = PACKAGES[vendorOf(consumer.wire)];
  switch (consumer.role) {
    case "floor":
      return `node ${process.version} fetch`;
    case "raw-sdk":
      return pkg(packages.sdk);
    case "promptstream":
      return `${pkg(packages.provider)} on ${pkg(packages.sdk)}`;
    case "ai-sdk":
      return `${pkg("ai")} + ${pkg(packages.aiSdk)}`;
    case "langchain":
      return `${pkg(packages.langchain)} + ${pkg("@langchain/core")}`;
  }
}
