// The counsellor's page: the form, the calls to the API, the result.
// Everything stays between this page and the service it came from.

import { el } from "./dom.js";
import { ApplicantForm, setPath } from "./form.js";
import { renderReport } from "./result.js";
import { renderTimeline } from "./timeline.js";

const state = { lang: "en", token: sessionStorage.getItem("pypermit-token") || "", shown: false };

async function call(method, path, body) {
  const headers = { "Content-Type": "application/json" };
  if (state.token) headers.Authorization = `Bearer ${state.token}`;
  const answer = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (answer.status === 401) document.getElementById("token-box").hidden = false;
  return { status: answer.status, document: await answer.json() };
}

function problemList(problem, ui) {
  const box = el("div", { class: "problems", role: "alert" });
  box.append(el("p", { text: problem.problems ? ui.t("problems") : `${ui.t("error")}: ${problem.detail}` }));
  if (problem.problems) {
    const list = el("ul");
    for (const p of problem.problems) list.append(el("li", {}, el("code", { text: p.field }), ` ${p.message}`));
    box.append(list);
  }
  return box;
}

async function evaluate(form) {
  const result = document.getElementById("result");
  const data = form.collect();
  result.replaceChildren(el("p", { class: "working", text: form.t("working") }));
  const query = `?lang=${state.lang}`;
  const report = await call("POST", `/v1/evaluate${query}`, data);
  if (report.status !== 200) {
    result.replaceChildren(problemList(report.document, form));
    result.focus();
    return;
  }
  const onAnswer = (fact, value) => {
    const answered = form.collect();
    setPath(answered, fact, value);
    form.fill(answered);
    evaluate(form);
  };
  result.replaceChildren(renderReport(report.document, form, onAnswer));
  document.getElementById("result-title").focus();
  state.shown = true;
  const timeline = await call("POST", `/v1/timeline${query}`, data);
  if (timeline.status === 200) result.append(renderTimeline(timeline.document, form));
  else result.append(el("p", { class: "help", text: form.t("timeline_unknown") }));
}

function relabel(form) {
  document.documentElement.lang = state.lang;
  document.title = form.t("title");
  document.getElementById("title").textContent = form.t("title");
  for (const node of document.querySelectorAll("[data-ui]")) node.textContent = form.t(node.dataset.ui);
  const toggle = document.getElementById("lang-toggle");
  toggle.textContent = form.t("lang");
  toggle.lang = state.lang === "en" ? "de" : "en";
}

async function start() {
  document.getElementById("token-save").addEventListener("click", () => {
    sessionStorage.setItem("pypermit-token", document.getElementById("token").value.trim());
    window.location.reload();
  });
  const [texts, schema] = await Promise.all([
    fetch("/static/texts.json").then((r) => r.json()),
    call("GET", "/v1/schema/applicant"),
  ]);
  if (schema.status !== 200) return;    // the token box asks for a token
  const form = new ApplicantForm(document.getElementById("fields"), schema.document, texts);
  state.lang = (navigator.language || "en").toLowerCase().startsWith("de") ? "de" : "en";
  form.render(state.lang);
  form.addEntry("stay");
  relabel(form);
  document.getElementById("facts-form").addEventListener("submit", (event) => {
    event.preventDefault();
    evaluate(form);
  });
  document.getElementById("lang-toggle").addEventListener("click", () => {
    const data = form.collect();
    state.lang = state.lang === "en" ? "de" : "en";
    form.render(state.lang, data);
    relabel(form);
    if (state.shown) evaluate(form);
  });
  document.getElementById("print").addEventListener("click", () => window.print());
  // The print view shows every permit's conditions.
  window.addEventListener("beforeprint", () => {
    for (const details of document.querySelectorAll("#result details")) details.open = true;
  });
  document.body.dataset.ready = "true";
}

start();
