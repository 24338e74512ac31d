// Live progress for the check form over server-sent events. Text only (textContent): nothing from the server is
// ever parsed as HTML. Without JavaScript the form POSTs and the server renders the report.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("check");
  const live = document.getElementById("live");
  if (!form || !live || !window.EventSource) {
    return;
  }
  form.addEventListener("submit", (submitted) => {
    submitted.preventDefault();
    const domain = document.getElementById("domain").value;
    live.replaceChildren();
    const list = document.createElement("ul");
    list.id = "progress";
    live.appendChild(list);
    const source = new EventSource("/events?domain=" + encodeURIComponent(domain));
    source.onmessage = (message) => {
      const event = JSON.parse(message.data);
      if (event.type === "queued") {
        const item = document.createElement("li");
        item.textContent = event.ahead > 0 ? "Queued behind " + event.ahead + " checks" : "Checking " + domain;
        list.appendChild(item);
      } else if (event.type === "progress") {
        const item = document.createElement("li");
        item.className = "status-" + event.status;
        item.textContent = event.status.toUpperCase() + "  " + event.title + " (" + event.done + "/" + event.total + ")";
        list.appendChild(item);
      } else if (event.type === "finished") {
        source.close();
        const report = document.createElement("pre");
        report.id = "report";
        report.className = "report status-" + event.status;
        report.textContent = event.text;
        live.appendChild(report);
        const link = document.createElement("a");
        link.href = event.permalink;
        link.textContent = "Permalink and history";
        live.appendChild(link);
      } else if (event.type === "error") {
        source.close();
        const p = document.createElement("p");
        p.className = "message";
        p.textContent = event.message;
        live.appendChild(p);
      }
    };
    source.onerror = () => source.close();
  });
});
