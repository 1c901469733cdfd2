// The applicant form, built from the published applicant schema
// (/v1/schema/applicant): one control per field, with its label and help
// text, "unknown" wherever the schema allows it, stay periods, convictions
// and children added and removed. collect() gives the applicant file
// (format v1) as the API takes it; fill() shows one.

import { el } from "./dom.js";

const UNKNOWN = "unknown";
const LISTS = { "stay": "add_period", "convictions": "add_conviction", "household.children": "add_child" };
const ENTRY = { "stay": "period", "convictions": "conviction", "household.children": "child" };

// A field's own schema and whether it may be unknown.
function unwrap(prop, defs) {
  let schema = prop;
  let unknown = false;
  if (schema.anyOf) {
    const rest = schema.anyOf.filter((s) => s.const !== UNKNOWN);
    unknown = rest.length < schema.anyOf.length;
    schema = rest.length === 1 ? rest[0] : { anyOf: rest };
  }
  if (schema.$ref) schema = defs[schema.$ref.split("/").pop()];
  let nullable = false;
  if (schema.anyOf) {
    const rest = schema.anyOf.filter((s) => s.type !== "null");
    nullable = rest.length < schema.anyOf.length;
    schema = rest.length === 1 ? rest[0] : { type: "number" };   // int | float
  }
  return { schema, unknown, nullable, default: prop.default };
}

export class ApplicantForm {
  constructor(root, schema, texts) {
    this.root = root;
    this.schema = schema;
    this.defs = schema.$defs;
    this.texts = texts;
    this.lang = "en";
    this.itemSchemas = {};   // the model of a list's entries, by the list's path
  }

  t(key) { return this.texts.ui[this.lang][key] || key; }
  value(v) { return (this.texts.values[this.lang] || {})[String(v)] || this.texts.values.en[String(v)] || String(v); }
  label(path) { return this.field(path).label || path; }
  help(path) { return this.field(path).help || ""; }
  field(path) {
    const key = path.replace(/\[\d+\]/g, "[]");
    const entry = this.texts.fields[key] || {};
    return entry[this.lang] || entry.en || {};
  }

  render(lang, data) {
    this.lang = lang;
    this.root.replaceChildren(this.object(this.schema, ""));
    if (data) this.fill(data);
  }

  // The fields of one model; sections become fieldsets.
  object(model, prefix) {
    const box = document.createDocumentFragment();
    for (const [key, prop] of Object.entries(model.properties)) {
      const path = prefix + key;
      const field = unwrap(prop, this.defs);
      if (LISTS[path] || field.schema.type === "array") box.append(this.list(path, field));
      else if (field.schema.type === "object") {
        const set = el("fieldset", { class: "section", "data-section": path },
          el("legend", { text: this.label(path) }));
        if (this.help(path)) set.append(el("p", { class: "help", text: this.help(path) }));
        set.append(this.object(field.schema, path + "."));
        box.append(set);
      } else box.append(this.scalar(path, field, model.required || []));
    }
    return box;
  }

  scalar(path, field, required) {
    const id = "f-" + path.replace(/[^A-Za-z0-9]+/g, "-");
    const helpId = id + "-help";
    const wrap = el("div", { class: "field" });
    wrap.append(el("label", { for: id, text: this.label(path) }));
    const { schema } = field;
    let control;
    const isRequired = required.includes(path.split(".").pop());
    if (schema.type === "boolean" || schema.enum) {
      control = el("select", { id, "data-path": path, "aria-describedby": helpId });
      const choices = schema.type === "boolean" ? [true, false] : schema.enum;
      if (field.nullable) control.append(el("option", { value: "", text: "—" }));
      for (const choice of choices) {
        control.append(el("option", { value: String(choice), text: this.value(choice),
          selected: field.default === choice }));
      }
      if (field.unknown) control.append(el("option", { value: UNKNOWN, text: this.t("unknown") }));
      control.dataset.kind = schema.type === "boolean" ? "boolean" : "enum";
      wrap.append(control);
    } else {
      const isDate = schema.format === "date";
      control = el("input", { id, "data-path": path, "aria-describedby": helpId,
        type: isDate ? "date" : "number", required: isRequired && isDate,
        min: schema.minimum, max: schema.maximum,
        step: schema.type === "integer" ? "1" : (isDate ? undefined : "0.01"),
        placeholder: field.default !== undefined && !isDate ? String(field.default) : undefined });
      control.dataset.kind = isDate ? "date" : (schema.type === "integer" ? "integer" : "number");
      wrap.append(control);
      if (field.unknown) {
        const box = el("input", { type: "checkbox", id: id + "-unknown", "data-unknown-for": path });
        box.addEventListener("change", () => { control.disabled = box.checked; });
        wrap.append(el("span", { class: "unknown" }, box,
          el("label", { for: id + "-unknown", text: this.t("unknown") })));
      }
    }
    wrap.append(el("small", { id: helpId, class: "help", text: this.help(path) }));
    return wrap;
  }

  list(path, field) {
    this.itemSchemas[path] = this.defs[field.schema.items.$ref.split("/").pop()];
    const set = el("fieldset", { class: "list", "data-list": path }, el("legend", { text: this.label(path) }));
    set.append(el("p", { class: "help", text: this.help(path) }));
    const entries = el("div", { class: "entries" });
    set.append(entries);
    if (field.unknown) {
      const id = "f-" + path.replace(/[^A-Za-z0-9]+/g, "-") + "-unknown";
      const box = el("input", { type: "checkbox", id, "data-list-unknown": path });
      box.addEventListener("change", () => {
        entries.hidden = box.checked;
        add.disabled = box.checked;
      });
      set.append(el("div", { class: "field" }, el("span", { class: "unknown" }, box,
        el("label", { for: id, text: this.t("list_unknown") }))));
    }
    const add = el("button", { type: "button", class: "add", "data-add": path, text: this.t(LISTS[path]) });
    add.addEventListener("click", () => {
      const entry = this.addEntry(path);
      entry.querySelector("input, select").focus();
    });
    set.append(add);
    return set;
  }

  addEntry(path) {
    const set = this.root.querySelector(`[data-list="${path}"] .entries`);
    const index = set.children.length;
    const entry = el("fieldset", { class: "entry", "data-entry": path });
    entry.append(el("legend", { text: `${this.t(ENTRY[path])} ${index + 1}` }));
    entry.append(this.object(this.itemSchemas[path], `${path}[${index}].`));
    const remove = el("button", { type: "button", class: "remove", text: `${this.t("remove")}: ${this.t(ENTRY[path])} ${index + 1}` });
    remove.addEventListener("click", () => {
      const data = this.collect();
      const list = getPath(data, path);
      if (Array.isArray(list)) list.splice(index, 1);
      this.fill(data);
      this.root.querySelector(`[data-add="${path}"]`).focus();
    });
    entry.append(remove);
    set.append(entry);
    return entry;
  }

  // The applicant file as the form says it; empty fields are left out (their default applies).
  collect() {
    const data = {};
    for (const control of this.root.querySelectorAll("[data-path]")) {
      const path = control.dataset.path;
      if (this.inUnknownList(path)) continue;
      const unknownBox = this.root.querySelector(`[data-unknown-for="${path}"]`);
      let value;
      if (unknownBox && unknownBox.checked) value = UNKNOWN;
      else if (control.value === "") continue;
      else if (control.value === UNKNOWN) value = UNKNOWN;
      else if (control.dataset.kind === "boolean") value = control.value === "true";
      else if (control.dataset.kind === "integer" || control.dataset.kind === "number") value = Number(control.value);
      else value = control.value;
      setPath(data, path, value);
    }
    for (const box of this.root.querySelectorAll("[data-list-unknown]")) {
      if (box.checked) setPath(data, box.dataset.listUnknown, UNKNOWN);
    }
    if (!data.stay) data.stay = [];
    return data;
  }

  inUnknownList(path) {
    return [...this.root.querySelectorAll("[data-list-unknown]")]
      .some((box) => box.checked && path.startsWith(box.dataset.listUnknown + "["));
  }

  // Show an applicant file in the form.
  fill(data) {
    for (const path of Object.keys(LISTS)) {
      this.root.querySelector(`[data-list="${path}"] .entries`).replaceChildren();
      const list = getPath(data, path);
      const box = this.root.querySelector(`[data-list-unknown="${path}"]`);
      if (box) { box.checked = list === UNKNOWN; box.dispatchEvent(new Event("change")); }
      if (Array.isArray(list)) list.forEach(() => this.addEntry(path));
    }
    for (const control of this.root.querySelectorAll("[data-path]")) {
      const value = getPath(data, control.dataset.path);
      const unknownBox = this.root.querySelector(`[data-unknown-for="${control.dataset.path}"]`);
      if (unknownBox) {
        unknownBox.checked = value === UNKNOWN;
        unknownBox.dispatchEvent(new Event("change"));
      }
      if (value === undefined || (value === UNKNOWN && unknownBox)) {
        if (control.tagName === "INPUT") control.value = "";
        continue;
      }
      control.value = String(value);
    }
  }
}

export function getPath(data, path) {
  let here = data;
  for (const part of splitPath(path)) {
    if (here === undefined || here === null || typeof here !== "object") return undefined;
    here = here[part];
  }
  return here;
}

export function setPath(data, path, value) {
  const parts = splitPath(path);
  let here = data;
  parts.slice(0, -1).forEach((part, i) => {
    const next = parts[i + 1];
    if (here[part] === undefined || here[part] === UNKNOWN || typeof here[part] !== "object") {
      here[part] = typeof next === "number" ? [] : {};
    }
    here = here[part];
  });
  here[parts[parts.length - 1]] = value;
}

function splitPath(path) {
  const out = [];
  for (const piece of path.split(".")) {
    const match = piece.match(/^([^[]+)((?:\[\d+\])*)$/);
    out.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}
