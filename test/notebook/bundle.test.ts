import { describe, expect, it } from "vitest";
import { displayBundle, PLOTLY_MIME } from "../../src/notebook/bundle.js";
import { HEADLINE_MIME, formatHeadline, headline } from "../../src/notebook/headline.js";
import { figure } from "../../src/viz/figure.js";
import { tableView } from "../../src/viz/table.js";

describe("displayBundle", () => {
  const fig = figure([{ type: "scatter", x: new Float64Array([1, 2]), y: [3, 4] }], { title: { text: "T" } }, { name: "t" });

  it("gives a figure the plotly JSON, HTML and a text summary", () => {
    const b = displayBundle(fig, { includeLibrary: false, id: "f1" });
    expect(Object.keys(b.data).sort()).toEqual([PLOTLY_MIME, "text/html", "text/plain"].sort());
    expect(b.data[PLOTLY_MIME]).toEqual({ data: [{ type: "scatter", x: [1, 2], y: [3, 4] }], layout: { title: { text: "T" } }, config: { responsive: true, displaylogo: false } });
    expect(b.data["text/plain"]).toBe('Figure "T": scatter (2 points)');
    expect(b.metadata).toEqual({ proxynas: { name: "t" } });
    const html = b.data["text/html"] as string;
    expect(html).toContain('<div id="f1"');
    expect(html).toContain("Plotly.newPlot");
    expect(html.length).toBeLessThan(5000);
  });
  it("injects plotly.js only when asked", () => {
    const b = displayBundle(fig, { includeLibrary: true, id: "f1" });
    const html = b.data["text/html"] as string;
    expect(html.length).toBeGreaterThan(1_000_000);
    expect(html).toContain("window.Plotly = Plotly");
    expect(html.indexOf("window.Plotly = Plotly")).toBeLessThan(html.indexOf('<div id="f1"'));
  });
  it("does not let data close the script element", () => {
    const b = displayBundle(figure([{ type: "bar", name: "</script><script>alert(1)</script>", y: [1] }]), { includeLibrary: false, id: "x" });
    expect(b.data["text/html"] as string).not.toContain("</script><script>alert");
  });
  it("renders tables and objects with toTableView as HTML and text", () => {
    const v = tableView([{ a: 1 }]);
    expect(displayBundle(v, { includeLibrary: false, id: "x" }).data["text/plain"]).toBe("a\n-\n1");
    const like = { toTableView: () => v };
    expect(displayBundle(like, { includeLibrary: false, id: "x" }).data["text/html"]).toContain("<table");
  });
  it("carries headlines in their own MIME type", () => {
    const h = headline("SRCC", 0.6905, { note: "1,999 rows" });
    const b = displayBundle(h, { includeLibrary: false, id: "x" });
    expect(b.data[HEADLINE_MIME]).toEqual({ kind: "headline", name: "SRCC", value: 0.6905, note: "1,999 rows" });
    expect(b.data["text/plain"]).toBe("SRCC: 0.6905 (1,999 rows)");
    expect(formatHeadline(headline("x", 27, { unit: "devices" }))).toBe("x: 27 devices");
  });
  it("rejects what it cannot show, naming it", () => {
    expect(() => displayBundle([1, 2], { includeLibrary: false, id: "x" })).toThrowError(/plain array \(wrap records with tableView\(\)\)/);
    expect(() => displayBundle(42, { includeLibrary: false, id: "x" })).toThrowError(/cannot display a number/);
    expect(() => headline(" ", 1)).toThrowError(/non-empty string/);
  });
});
