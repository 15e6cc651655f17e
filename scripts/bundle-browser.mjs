// Bundles the measurement page (src/measure/browser-page.ts) for the browser:
// dist/browser/measure-page.js. The Node backend module (src/runtime/backend.ts)
// is replaced by src/measure/browser-backend.ts, so the page measures with the
// same network builders and protocol as Node. Run by `npm run build` and setup.
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const browserBackend = path.join(root, "src/measure/browser-backend.ts");

await build({
  entryPoints: [path.join(root, "src/measure/browser-page.ts")],
  outfile: path.join(root, "dist/browser/measure-page.js"),
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2020",
  minify: true,
  sourcemap: false,
  logLevel: "warning",
  plugins: [
    {
      name: "browser-backend",
      setup(b) {
        b.onResolve({ filter: /runtime\/backend\.js$/ }, () => ({ path: browserBackend }));
      },
    },
  ],
});
