// Back and forward restore an earlier view. Every setting lives in the URL
// and the page builds itself from the URL when it loads, so a reload on
// popstate shows exactly the state that URL describes.
window.addEventListener("popstate", function () {
  window.location.reload();
});
