// The teacher link's copy button (ui/panels/teacher-link.vugu): the Go UI
// writes the link's URL fragment on the button (data-hash); a click here
// makes the whole URL, shows it in the box beside the button, copies it and
// says so through the box's status (role=status: screen readers announce
// it). Nothing here re-renders the Go UI.
(() => {
  document.addEventListener("click", async (ev) => {
    const button = ev.target.closest?.("#copy-teacher-link");
    if (!button) return;
    const box = document.getElementById("teacher-link-url");
    const said = document.getElementById("teacher-link-copied");
    const link = location.origin + location.pathname + button.dataset.hash;
    box.value = link;
    let copied = false;
    try {
      await navigator.clipboard.writeText(link);
      copied = true;
    } catch {
      box.select(); // without clipboard access (an insecure origin, a denied permission): the old way
      copied = document.execCommand?.("copy") ?? false;
    }
    said.textContent = copied ? "Link copied." : "Select the link and copy it.";
  });
})();
