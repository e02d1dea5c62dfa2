// The API reference, drawn from the OpenAPI document as text (no inline script, no CDN).
"use strict";

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

async function draw() {
  const spec = await fetch("/api/openapi.json").then((r) => r.json());
  const box = document.getElementById("endpoints");
  box.replaceChildren();
  box.append(el("p", spec.info.description || ""));
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const section = el("section", undefined, "endpoint");
      section.append(el("h2", `${method.toUpperCase()} ${path}`));
      section.append(el("p", op.summary || ""));
      const params = op.parameters || [];
      if (params.length) {
        const table = el("table", undefined, "contradictions");
        const head = el("tr");
        for (const h of ["parameter", "in", "type", "required", "meaning"]) head.append(el("th", h));
        table.append(head);
        for (const p of params) {
          const schema = p.schema || {};
          const type = schema.type || (schema.anyOf || []).map((s) => s.type).filter((t) => t !== "null").join("|");
          const row = el("tr");
          for (const cell of [p.name, p.in, type, p.required ? "yes" : "no", p.description || ""]) row.append(el("td", cell));
          table.append(row);
        }
        section.append(table);
      }
      box.append(section);
    }
  }
}

document.addEventListener("DOMContentLoaded", () => draw().catch((error) => {
  document.getElementById("endpoints").textContent = `Could not read the API description: ${error}`;
}));
