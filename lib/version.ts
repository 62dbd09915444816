/** kclone's version, kept equal to deno.json's. */
export const VERSION: string = "0.1.0";
