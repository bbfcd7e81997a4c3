/** Where the Node.js binaries of this package are, by major version; `undefined` when one is not installed. */
export declare const nodeBinaries: Readonly<Record<"22" | "24", string | undefined>>;
