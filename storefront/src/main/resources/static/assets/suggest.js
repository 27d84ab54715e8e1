// Suggestions in the search box: as the customer types, the completions of the last word from the public API
// (GET /api/v1/search/suggest) become the options of the box's <datalist>. Without this script the box still searches.
(function () {
  const box = document.querySelector('form.search input[name=q]');
  const list = document.getElementById('suggestions');
  if (!box || !list) {
    return;
  }
  let asked = '';
  let timer;
  function ask() {
    const typed = box.value.trim();
    if (typed.length < 2 || typed === asked) {
      return;
    }
    asked = typed;
    fetch('/api/v1/search/suggest?limit=8&q=' + encodeURIComponent(typed), {headers: {Accept: 'application/json'}})
      .then(answer => answer.ok ? answer.json() : {suggestions: []})
      .then(body => {
        if (box.value.trim() !== typed) {
          return; // the customer typed on: a later answer will come
        }
        // Each suggestion is the whole query, its last word completed.
        list.replaceChildren(...(body.suggestions || []).map(text => {
          const option = document.createElement('option');
          option.value = text;
          return option;
        }));
        list.setAttribute('data-for', typed);
      })
      .catch(() => { asked = ''; });
  }
  box.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
})();
