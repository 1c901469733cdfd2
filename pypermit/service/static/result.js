// The result as the report shows it (report-v1): each permit's status and
// effect, its conditions with citations and the person's own facts, the
// minimal changes that would unlock it, and the open questions, each with
// answers that evaluate again.

import { el } from "./dom.js";

const MARK = { met: "✔", unmet: "✘", unknown: "?" };

export function renderReport(report, ui, onAnswer) {
  const box = el("div", { class: "report" });
  box.append(el("h2", { id: "result-title", tabindex: "-1", text: ui.t("result") }));
  box.append(el("p", { class: "meta",
    text: `${ui.t("as_of")}: ${report.as_of} · ${ui.t("law_date")}: ${report.law_date}` }));
  if (report.questions && report.questions.length) box.append(questions(report.questions, ui, onAnswer));
  const list = el("div", { class: "permits" });
  for (const permit of report.permits) list.append(permitCard(permit, ui));
  box.append(el("h3", { text: ui.t("permits") }), list);
  return box;
}

function permitCard(permit, ui) {
  const card = el("article", { class: `permit status-${permit.status}`, "data-permit": permit.id,
    "aria-labelledby": `permit-${permit.id}` });
  card.append(el("h4", { id: `permit-${permit.id}` },
    el("span", { class: "permit-id", text: permit.id }), " ", permit.title));
  card.append(el("p", { class: "outcome" },
    el("span", { class: "badge", "data-status": permit.status, text: ui.value(permit.status) }),
    ` ${ui.t("effect")}: ${ui.value(permit.effect)} · ${permit.citation}`));
  const details = el("details", { open: permit.status !== "not_eligible" });
  details.append(el("summary", { text: `${ui.t("conditions")} (${permit.conditions.length})` }));
  details.append(conditionTree(permit, undefined, ui));
  card.append(details);
  if (permit.status !== "eligible") card.append(unlock(permit, ui));
  return card;
}

// Conditions and groups in the norm's order, each group with its members.
function conditionTree(permit, parent, ui) {
  const list = el("ul", { class: "conditions" });
  for (const group of permit.groups.filter((g) => (g.group || undefined) === parent)) {
    const item = el("li", { class: `group cond-${group.status}` },
      el("span", { class: "mark", "aria-hidden": "true", text: MARK[group.status] }),
      el("span", { class: "cond-text", text: group.text }),
      el("span", { class: "cite", text: `${group.citation} · ${group.mode}` }));
    item.append(conditionTree(permit, group.id, ui));
    list.append(item);
  }
  for (const c of permit.conditions.filter((c) => (c.group || undefined) === parent)) {
    list.append(el("li", { class: `condition cond-${c.status}`, "data-condition": c.id },
      el("span", { class: "mark", "aria-hidden": "true", text: MARK[c.status] }),
      el("span", { class: "sr-only", text: `${ui.value(c.status)}: ` }),
      el("span", { class: "cond-text", text: c.text }),
      el("span", { class: "cite", text: `${c.citation} · ${c.id} · ${ui.value(c.strength)}` })));
  }
  return list;
}

function unlock(permit, ui) {
  const box = el("div", { class: "unlock" }, el("h5", { text: ui.t("unlock") }));
  if (!permit.unlock.length) {
    box.append(el("p", { text: permit.unlock_note || ui.t("no_unlock") }));
    return box;
  }
  const list = el("ol");
  for (const option of permit.unlock) {
    const changes = option.changes.map((c) => c.fact === "as_of"
      ? `${ui.t("from_day")} ${c.to}` : `${ui.label(c.fact)}: ${ui.value(c.from)} → ${ui.value(c.to)}`);
    const meets = option.meets.map((m) => m.id).join(", ");
    const waive = (option.to_waive || []).map((m) => m.id).join(", ");
    list.append(el("li", {}, el("span", { text: changes.join(" + ") }),
      meets ? el("span", { class: "cite", text: `${ui.t("meets")}: ${meets}` }) : null,
      option.aims === "waiver_needed"
        ? el("span", { class: "cite", text: `${ui.t("waiver_for")}: ${waive}` }) : null));
  }
  box.append(list);
  if (permit.unlock_note) box.append(el("p", { class: "help", text: permit.unlock_note }));
  return box;
}

function questions(found, ui, onAnswer) {
  const box = el("section", { class: "questions", "aria-labelledby": "questions-title" });
  box.append(el("h3", { id: "questions-title", text: ui.t("questions") }));
  box.append(el("p", { class: "help", text: ui.t("questions_intro") }));
  const list = el("ol");
  for (const q of found) {
    const item = el("li", { class: "question", "data-fact": q.fact });
    item.append(el("strong", { text: `${ui.label(q.fact)} (${q.fact})` }));
    const eligible = Object.entries(q.eligible_if_text || {}).map(([p, text]) => `${p}: ${text}`).join("; ");
    item.append(el("span", { class: "cite",
      text: ` → ${q.decides.join(", ")}${eligible ? ` · ${ui.t("eligible_if")} ${eligible}` : ""}` }));
    const answers = el("div", { class: "answers", role: "group", "aria-label": `${ui.t("answer")}: ${q.fact}` });
    for (const value of q.values) {
      const button = el("button", { type: "button", text: ui.value(value) });
      button.addEventListener("click", () => onAnswer(q.fact, value));
      answers.append(button);
    }
    item.append(answers);
    list.append(item);
  }
  box.append(list);
  return box;
}
