// The verification page's "Check a PDF copy": the chosen file is read and its SHA-256 computed
// in the browser (Web Crypto), then compared with the registered scan's. Nothing is uploaded;
// the texts come from the form's data attributes (translated by the page).
"use strict";

function hexOf(buffer) {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function setUpCopyCheck(form) {
  const input = form.querySelector("input[type=file]");
  const output = form.querySelector("output");
  const texts = form.dataset;
  const show = (text, state, digest) => {
    output.replaceChildren();
    const message = document.createElement(digest ? "strong" : "span");
    message.textContent = text;
    output.append(message);
    if (digest) {
      const hash = document.createElement("code");
      hash.className = "hash";
      hash.textContent = digest;
      output.append(document.createElement("br"), texts.fileHash + " ", hash);
    }
    output.className = "check-copy__result" + (state ? " check-copy__result--" + state : "");
  };
  form.addEventListener("submit", (event) => event.preventDefault());
  if (!(window.crypto && window.crypto.subtle)) {
    input.disabled = true;
    show(texts.unsupported, "unsupported");
    return;
  }
  input.addEventListener("change", async () => {
    const file = input.files[0];
    if (!file) {
      show("", "");
      return;
    }
    show(texts.working, "");
    const digest = hexOf(await window.crypto.subtle.digest("SHA-256", await file.arrayBuffer()));
    const matches = digest === texts.sha256.toLowerCase();
    show(matches ? texts.match : texts.mismatch, matches ? "match" : "mismatch", digest);
  });
}

document.querySelectorAll(".check-copy__form").forEach(setUpCopyCheck);
