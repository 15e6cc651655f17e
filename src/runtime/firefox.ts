/**
 * Headless Firefox as a plain process: finding the executable and opening a
 * URL in it with a fresh, throw-away profile (no updates, telemetry or
 * first-run pages). No driver is needed: the measurement page reports its
 * results to the server itself, as it does from any browser.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EnvironmentError } from "../errors.js";
import { findExecutable } from "./executable.js";

const CANDIDATES = ["/usr/bin/firefox-esr", "/usr/bin/firefox"];

/** The command that installs Firefox on Debian. */
export const FIREFOX_INSTALL = "apt-get update && apt-get install -y firefox-esr   (or: npm run setup)";

/** Preferences of the throw-away profile: offline-friendly, quiet, no first-run pages. */
export const FIREFOX_PREFS: Readonly<Record<string, boolean | string | number>> = {
  "app.update.enabled": false,
  "app.update.auto": false,
  "browser.shell.checkDefaultBrowser": false,
  "browser.startup.homepage_override.mstone": "ignore",
  "browser.aboutwelcome.enabled": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "datareporting.healthreport.uploadEnabled": false,
  "toolkit.telemetry.enabled": false,
  "browser.safebrowsing.malware.enabled": false,
  "browser.safebrowsing.phishing.enabled": false,
  "extensions.update.enabled": false,
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  // a background tab or an idle window must not be throttled while it measures
  "dom.min_background_timeout_value": 4,
};

/**
 * The Firefox executable: `PROXYNAS_FIREFOX`, else the first of the usual paths.
 *
 * @throws {EnvironmentError} with the install command when none exists
 * @example
 * ```ts
 * firefoxPath(); // "/usr/bin/firefox-esr"
 * ```
 */
export function firefoxPath(): string {
  return findExecutable({ name: "Firefox", envVar: "PROXYNAS_FIREFOX", candidates: CANDIDATES, install: FIREFOX_INSTALL });
}

/** A running headless Firefox. */
export interface FirefoxProcess {
  /** Settles when the process ends: the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** True once {@link FirefoxProcess.close} was called. */
  readonly closing: boolean;
  /** Ends the process (SIGTERM, then SIGKILL after 5 s) and removes its profile. */
  close(): Promise<void>;
}

/**
 * Opens `url` in headless Firefox with a fresh profile.
 *
 * @throws {EnvironmentError} when Firefox is missing or cannot start
 * @example
 * ```ts
 * const ff = await openInFirefox("http://127.0.0.1:8080/");
 * await ff.close();
 * ```
 */
export async function openInFirefox(url: string): Promise<FirefoxProcess> {
  const executable = firefoxPath();
  const profile = mkdtempSync(join(tmpdir(), "pn-firefox-"));
  writeFileSync(join(profile, "user.js"), Object.entries(FIREFOX_PREFS).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});\n`).join(""));
  const child = spawn(executable, ["--headless", "--no-remote", "--profile", profile, url], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.once("spawn", () => resolve());
    child.once("error", (e) => {
      rmSync(profile, { recursive: true, force: true });
      reject(new EnvironmentError(`could not start Firefox at ${executable}: ${e.message}; reinstall it: ${FIREFOX_INSTALL}`, { cause: e }));
    });
  });
  let closing = false;
  return {
    exited: exited.then((code) => {
      // an unexpected exit: show the end of what Firefox said
      const said = stderr.trim();
      if (!closing && code !== 0 && said) process.stderr.write(`firefox: ${said.split("\n").slice(-3).join(" | ")}\n`);
      return code;
    }),
    get closing() {
      return closing;
    },
    async close() {
      closing = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
