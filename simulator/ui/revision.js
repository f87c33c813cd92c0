// Decisiones del formador en la página de revisión: todo ocurre en el navegador, sin red.
// Cada botón marca o desmarca una decisión; «Descargar revisiones» arma el archivo JSON que
// guarda `python -m simulator progress --apply-reviews`.
"use strict";
(function () {
  const decisions = new Map();
  const status = document.getElementById("estado");
  const key = (result, step, label) => result + "|" + step + "|" + label;

  const counted = (count) => count + (count === 1 ? " decisión" : " decisiones");

  function show() {
    const count = decisions.size;
    status.textContent = count === 0 ? "Sin decisiones por descargar." : counted(count) + " por descargar.";
  }

  function choose(row, decision) {
    const answer = row.closest("section.respuesta");
    const id = key(answer.dataset.resultado, answer.dataset.paso, row.dataset.marca);
    const again = decisions.get(id) === decision;
    if (again) {
      decisions.delete(id);
    } else {
      decisions.set(id, decision);
    }
    row.querySelectorAll("button[data-decision]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(!again && button.dataset.decision === decision));
    });
    row.querySelector(".pendiente").textContent = again ? "" : "su decisión: " + decision;
    show();
  }

  function markRow(answer, label) {
    const row = document.createElement("tr");
    row.dataset.marca = label;
    row.className = "agregada-pendiente";
    const name = document.createElement("td");
    name.textContent = label.replace(/_/g, " ");
    const what = document.createElement("td");
    what.colSpan = 3;
    what.textContent = "agregada por usted (pendiente de descargar)";
    const undo = document.createElement("td");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "deshacer";
    button.addEventListener("click", function () {
      decisions.delete(key(answer.dataset.resultado, answer.dataset.paso, label));
      row.remove();
      answer.querySelector("select.agregar option[value='" + label + "']").disabled = false;
      show();
    });
    undo.appendChild(button);
    row.append(name, what, undo);
    return row;
  }

  function add(answer) {
    const select = answer.querySelector("select.agregar");
    const label = select.value;
    if (!label) {
      status.textContent = "Elija primero la marca que quiere agregar.";
      return;
    }
    decisions.set(key(answer.dataset.resultado, answer.dataset.paso, label), "agregar");
    select.selectedOptions[0].disabled = true;
    select.value = "";
    answer.querySelector("table.marcas tbody").appendChild(markRow(answer, label));
    show();
  }

  function download() {
    if (decisions.size === 0) {
      status.textContent = "No hay decisiones: marque confirmar, quitar o agregar antes de descargar.";
      return;
    }
    const entries = Array.from(decisions, function (pair) {
      const parts = pair[0].split("|");
      return {resultado: Number(parts[0]), paso: Number(parts[1]), marca: parts[2], decision: pair[1]};
    });
    const body = JSON.stringify({formato: "cobranza-revisiones", version: 1, decisiones: entries}, null, 1);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([body], {type: "application/json"}));
    link.download = "revisiones_" + document.body.dataset.pagina + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    status.textContent = counted(entries.length) + " en " + link.download + ": guárdelo con --apply-reviews.";
  }

  document.querySelectorAll("section.respuesta").forEach(function (answer) {
    answer.querySelectorAll("tr[data-marca] button[data-decision]").forEach(function (button) {
      button.addEventListener("click", function () { choose(button.closest("tr"), button.dataset.decision); });
    });
    answer.querySelector("button.agregar").addEventListener("click", function () { add(answer); });
  });
  document.getElementById("descargar").addEventListener("click", download);
  show();
})();
