// The checkout page's countdown to the moment its reservation and prices lapse (the <time id="expires-at"> element).
(function () {
  const expires = document.getElementById('expires-at');
  const shown = document.getElementById('countdown');
  if (!expires || !shown) {
    return;
  }
  const end = Date.parse(expires.getAttribute('datetime'));
  function tick() {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    shown.textContent = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
    if (left > 0) {
      setTimeout(tick, 1000);
    }
  }
  tick();
})();
