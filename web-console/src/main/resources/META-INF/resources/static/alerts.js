// Live alerts on every page: the console relays the person's notification stream (/alerts/stream,
// over their session cookie); each alert raises the bell's count, is announced in a polite live
// region, and joins the inbox list when it is on screen. EventSource resumes with Last-Event-ID.
(function () {
  'use strict';
  if (!window.EventSource || document.body.dataset.liveAlerts !== 'true') { return; }
  var source = new EventSource('/alerts/stream');
  source.addEventListener('alert', function (event) {
    var alert;
    try { alert = JSON.parse(event.data); } catch (e) { return; }
    var count = document.getElementById('unread-count');
    if (count) {
      var n = parseInt(count.dataset.unread, 10);
      n = isNaN(n) || n < 0 ? 1 : n + 1;
      count.dataset.unread = String(n);
      count.textContent = String(n);
    }
    var toasts = document.getElementById('live-alerts');
    if (toasts) {
      var toast = document.createElement('p');
      toast.className = 'toast';
      toast.textContent = alert.text;
      toasts.prepend(toast);
      while (toasts.children.length > 3) { toasts.lastElementChild.remove(); }
    }
    var list = document.getElementById('alert-list');
    if (list && list.dataset.live === 'true' && !list.querySelector('[data-id="' + alert.id + '"]')) {
      var item = document.createElement('li');
      item.className = 'alert unread';
      item.dataset.id = alert.id;
      item.dataset.type = alert.type;
      var badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = list.dataset.newLabel;
      var text = document.createElement('span');
      text.className = 'text';
      text.textContent = alert.text;
      var time = document.createElement('time');
      time.dateTime = alert.createdAt;
      time.textContent = new Date(alert.createdAt).toLocaleString(document.documentElement.lang);
      item.append(badge, ' ', text, ' ', time);
      list.prepend(item);
      var none = document.getElementById('alerts-none');
      if (none) { none.remove(); }
    }
  });
})();
