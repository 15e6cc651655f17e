import { describe, expect, it } from "vitest";
import { figure } from "../../src/viz/figure.js";
import { escapeHtml, figureHtml, figurePage } from "../../src/viz/html.js";

describe("figure HTML", () => {
  it("escapes text for HTML", () => {
    // double-quoted attributes and element content: &, <, > and " are enough
    expect(escapeHtml(`<a href="x">&`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;");
  });
  it("embeds a figure's data as JSON that cannot close its script tag, typed arrays as lists", () => {
    const html = figureHtml(figure([{ type: "bar", y: Float64Array.of(1, 2), name: "</script><b>" }]), "f1");
    expect(html).toContain('id="f1"');
    expect(html).not.toContain("</script><b>");
    expect(html).toContain("[1,2]");
  });
  it("a page carries plotly.js once and every figure", () => {
    const page = figurePage([figure([{ type: "bar", y: [1] }]), figure([{ type: "bar", y: [2] }])], "two");
    expect(page).toContain("<title>two</title>");
    expect(page.split('class="proxynas-figure"')).toHaveLength(3);
    expect(page.split("<script type=\"text/javascript\">").length - 1).toBe(3);
  });
});
