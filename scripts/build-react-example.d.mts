// Types of scripts/build-react-example.mjs, for the TypeScript that calls it (the browser tests' server).
export declare const reactExampleBundle: string;
export declare function buildReactExample(outfile?: string): Promise<void>;
