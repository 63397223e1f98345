// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Drag and drop onto the evidence zone fills the file input and submits the form.
  document.querySelectorAll("[data-dropzone]").forEach((zone) => {
    const input = zone.querySelector("input[type=file]");
    const form = zone.closest("form");
    ["dragenter", "dragover"].forEach((t) => zone.addEventListener(t, (e) => { e.preventDefault(); zone.classList.add("over"); }));
    ["dragleave", "drop"].forEach((t) => zone.addEventListener(t, (e) => { e.preventDefault(); zone.classList.remove("over"); }));
    zone.addEventListener("drop", (e) => {
      if (!e.dataTransfer.files.length) return;
      input.files = e.dataTransfer.files;
      form.requestSubmit();
    });
  });
  // Parts of a form that matter only for one choice: <div data-show-when="resolved"> follows select[name=status].
  document.querySelectorAll("form").forEach((form) => {
    const select = form.querySelector("select[name=status]");
    const parts = form.querySelectorAll("[data-show-when]");
    if (!select || !parts.length) return;
    const sync = () => parts.forEach((p) => { p.hidden = p.dataset.showWhen !== select.value; });
    select.addEventListener("change", sync);
    sync();
  });
  // On the appeal page, a file added or removed changes the findings: check the text again.
  document.body.addEventListener("htmx:afterSwap", (e) => {
    if (e.detail.target.id === "evidence-files" || e.detail.elt.id === "evidence-files") {
      document.querySelector("[data-recheck]")?.click();
    }
  });
  // Copy buttons: data-copy="#element-id"; delegated, so buttons in panels htmx swaps in work too.
  document.addEventListener("click", (e) => {
    const btn = e.target.closest("[data-copy]");
    const el = btn && document.querySelector(btn.dataset.copy);
    if (!el) return;
    navigator.clipboard.writeText(el.value ?? el.innerText).then(() => { btn.dataset.done = "1"; });
  });
});
