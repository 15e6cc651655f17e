/**
 * Headless Chromium through playwright-core: finding the executable and
 * launching it with flags for a sandboxed, offline run. Used by figure export
 * and by latency measurement in the browser.
 */
import { createRequire } from "node:module";
import { EnvironmentError } from "../errors.js";
import { findExecutable } from "./executable.js";

const require = createRequire(import.meta.url);

/** Chromium flags for a sandboxed, offline, headless run. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The command that installs Chromium on Debian. */
export const CHROMIUM_INSTALL = "apt-get update && apt-get install -y chromium   (or: npm run setup)";

/**
 * The Chromium executable: `PROXYNAS_CHROMIUM`, else the first of the usual paths.
 *
 * @throws {EnvironmentError} with the install command when none exists
 * @example
 * ```ts
 * chromiumPath(); // "/usr/bin/chromium"
 * ```
 */
export function chromiumPath(): string {
  return findExecutable({ name: "Chromium", envVar: "PROXYNAS_CHROMIUM", candidates: CANDIDATES, install: CHROMIUM_INSTALL });
}

/** The part of playwright-core's API used here. */
export interface Browser {
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
export interface Page {
  setContent(html: string, options?: { waitUntil?: string; timeout?: number }): Promise<void>;
  evaluate<T>(expression: string): Promise<T>;
  goto(url: string, options?: { waitUntil?: string; timeout?: number }): Promise<unknown>;
  waitForSelector(selector: string, options?: { timeout?: number }): Promise<unknown>;
  waitForFunction(expression: string, arg?: unknown, options?: { timeout?: number; polling?: number | "raf" }): Promise<unknown>;
  on(event: "console" | "pageerror", listener: (x: { text?: () => string; message?: string }) => void): void;
  /** Prints the page (Chromium only). */
  pdf(options: { width: string; height: string; printBackground?: boolean; pageRanges?: string }): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium (see {@link chromiumPath}) and runs `use` with it,
 * closing it afterwards whatever happens. `args` replaces {@link CHROMIUM_ARGS}.
 *
 * @example
 * ```ts
 * await withBrowser(async (browser) => { const page = await browser.newPage(); ... });
 * ```
 */
export async function withBrowser<T>(use: (browser: Browser) => Promise<T>, options: { args?: readonly string[] } = {}): Promise<T> {
  const executablePath = chromiumPath();
  const { chromium } = require("playwright-core") as { chromium: { launch(o: object): Promise<Browser> } };
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath, args: [...(options.args ?? CHROMIUM_ARGS)], headless: true });
  } catch (e) {
    throw new EnvironmentError(`could not start Chromium at ${executablePath}: ${(e as Error).message.split("\n")[0]}; reinstall it: ${CHROMIUM_INSTALL}`, { cause: e });
  }
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

