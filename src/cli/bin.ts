#!/usr/bin/env node
/** Entry point of the `proxynas` executable. */
import { runCli } from "./main.js";

// A reader that stops early (`proxynas export ... | head`) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
process.exitCode = await runCli(process.argv.slice(2));
