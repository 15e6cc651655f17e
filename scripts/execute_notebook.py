#!/usr/bin/python3
"""Execute one notebook headless with nbconvert and export it to HTML.

Usage: execute_notebook.py IN.ipynb OUT.ipynb OUT.html [--timeout SECONDS] [--kernel NAME]

Stops at the first cell that fails. tslab reports a cell's error only on the
cell's stderr stream (nbconvert sees a bare CellExecutionError), so on failure
this prints the cell's number, its source, everything it wrote to stderr and
stdout, and the error, then writes the partly executed notebook to OUT.ipynb
(so it can be inspected) and exits 1. Exit 2: bad usage or unreadable input.
"""
import argparse
import sys
import time

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import CellExecutionError, ExecutePreprocessor


class TrackingExecutor(ExecutePreprocessor):
    """Remembers which cell runs, so a failure can name it."""

    current = -1

    def preprocess_cell(self, cell, resources, index):
        self.current = index
        started = time.time()
        out = super().preprocess_cell(cell, resources, index)
        cell.setdefault("metadata", {})["proxynas"] = {"seconds": round(time.time() - started, 3)}
        if cell.get("cell_type") == "code":
            # tslab reports no execution count: number the code cells in the order they ran, as a live kernel would
            self.count = getattr(self, "count", 0) + 1
            cell["execution_count"] = self.count
            for o in cell.get("outputs", []):
                if o.get("output_type") == "execute_result":
                    o["execution_count"] = self.count
        return out


def report_failure(nb, index, err):
    cell = nb.cells[index] if 0 <= index < len(nb.cells) else None
    w = sys.stderr.write
    w("\n=== notebook cell %d failed ===\n" % (index + 1))
    if cell is not None:
        w("--- source ---\n%s\n" % cell.source)
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                w("--- %s ---\n%s" % (out.get("name"), out.get("text", "")))
                if not out.get("text", "").endswith("\n"):
                    w("\n")
            elif out.get("output_type") == "error":
                w("--- error ---\n%s: %s\n" % (out.get("ename"), out.get("evalue")))
    w("--- nbconvert ---\n%s\n" % str(err).strip().splitlines()[-1] if str(err).strip() else "")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("inp")
    p.add_argument("out_ipynb")
    p.add_argument("out_html")
    p.add_argument("--timeout", type=int, default=600)
    p.add_argument("--kernel", default="tslab")
    p.add_argument("--cwd", default=".")
    a = p.parse_args()
    try:
        nb = nbformat.read(a.inp, as_version=4)
    except Exception as e:  # noqa: BLE001 - any read failure is a usage error here
        sys.stderr.write("cannot read notebook %s: %s\n" % (a.inp, e))
        return 2
    # startup_timeout: tslab compiles its TypeScript service at start; on a loaded two-core machine that took over nbclient's default 60 s
    ep = TrackingExecutor(timeout=a.timeout, kernel_name=a.kernel, startup_timeout=300)
    failed = False
    try:
        ep.preprocess(nb, {"metadata": {"path": a.cwd}})
    except CellExecutionError as e:
        failed = True
        report_failure(nb, ep.current, e)
    except Exception as e:  # kernel died, timeout, missing kernel
        failed = True
        sys.stderr.write("\n=== notebook execution failed at cell %d ===\n%s: %s\n" % (ep.current + 1, type(e).__name__, e))
        if ep.current >= 0:
            report_failure(nb, ep.current, e)
    nbformat.write(nb, a.out_ipynb)
    if failed:
        return 1
    body, _ = HTMLExporter().from_notebook_node(nb)
    with open(a.out_html, "w", encoding="utf-8") as f:
        f.write(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
