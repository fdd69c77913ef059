// The live figures page. No framework, no build step. The ops token comes from the URL fragment (#token=…), which
// browsers never send to the server, or from the sign-in form; it travels only in Authorization headers, and is
// removed from the address bar once read. The live
// stream (EventSource, which cannot send headers) is opened with a short-lived ticket bought with the token.
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  var state = { token: null, period: '', source: null, refreshTimer: null, loading: false, again: false,
    labels: {} };

  function fragmentParams() {
    var params = {};
    var hash = window.location.hash.replace(/^#/, '');
    hash.split('&').forEach(function (pair) {
      if (!pair) { return; }
      var i = pair.indexOf('=');
      var key = decodeURIComponent(i < 0 ? pair : pair.slice(0, i));
      params[key] = i < 0 ? '' : decodeURIComponent(pair.slice(i + 1));
    });
    return params;
  }

  function $(id) { return document.getElementById(id); }

  function setStatus(text) { $('status').textContent = text; }

  function authHeaders() { return { 'Authorization': 'Bearer ' + state.token, 'Accept': 'application/json' }; }

  // A quarter or year by name; a range of days ("2017-07-01..2017-09-30", as the server names it) as from/to.
  function liveUrl() {
    var range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(state.period);
    if (range) { return '/api/v1/metrics/live?from=' + range[1] + '&to=' + range[2]; }
    return '/api/v1/metrics/live' + (state.period ? '?period=' + encodeURIComponent(state.period) : '');
  }

  function showSignIn(message) {
    $('sign-in').hidden = false;
    ['figures', 'charts', 'waiting'].forEach(function (id) { $(id).hidden = true; });
    setStatus(message || 'An ops token is needed to show the figures.');
    $('token-input').focus();
  }

  function refresh() {
    if (state.loading) { state.again = true; return; }
    state.loading = true;
    fetch(liveUrl(), { headers: authHeaders() }).then(function (response) {
      if (response.status === 401 || response.status === 403) {
        sessionStorage.removeItem('lvs-ops-token');
        closeStream();
        showSignIn(response.status === 401 ? 'The token was not accepted (expired?). Paste a new one.'
          : 'This token has no ops role.');
        return null;
      }
      if (!response.ok) {
        return response.json().then(function (problem) {
          setStatus('Cannot show the figures: ' + (problem.detail || response.status)
            + (problem.errors ? ' (' + problem.errors.map(function (e) { return e.field + ': ' + e.message; }).join('; ') + ')' : ''));
          return null;
        });
      }
      return response.json();
    }).then(function (live) {
      if (live) { render(live); }
    }).catch(function (err) {
      setStatus('Cannot reach the metrics service: ' + err.message);
    }).then(function () {
      state.loading = false;
      if (state.again) { state.again = false; refresh(); }
    });
  }

  function shareText(share) {
    if (!share) { return '–'; }
    return (share.percent === null ? 'n/a' : share.percent + '%') + ' (' + share.count + ' of ' + share.of + ')';
  }

  function setFigure(id, text) {
    var el = $(id);
    if (el.textContent !== String(text)) { el.textContent = text; }
  }

  function label(key) { return state.labels[key] || key; }

  // "2017-09-30T23:00:00Z" → "30 September 2017" when it is the end of the shown period, else date and time.
  function asAtText(s) {
    var asAt = new Date(s.asAt);
    var options = { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' };
    if (s.asAt === s.period.endExclusive) {
      return new Date(s.period.to + 'T12:00:00Z').toLocaleDateString('en-GB', options);
    }
    options.hour = '2-digit';
    options.minute = '2-digit';
    return asAt.toLocaleString('en-GB', options);
  }

  function render(live) {
    var s = live.summary;
    state.labels = live.labels || {};
    $('sign-in').hidden = true;
    ['figures', 'charts', 'waiting'].forEach(function (id) { $(id).hidden = false; });
    state.shownPeriod = s.period.name;
    state.shownKind = s.period.kind;
    setFigure('period-name', s.period.name);
    setFigure('period-dates', '(' + s.period.from + ' to ' + s.period.to + ', Europe/London)');
    $('period-steps').hidden = false;
    setFigure('period-previous-name', s.period.previous);
    setFigure('period-next-name', s.period.next);
    state.previousPeriod = s.period.previous;
    state.nextPeriod = s.period.next;
    setFigure('waiting-as-at', asAtText(s));
    setFigure('fig-referrals-total', s.referrals.total);
    setFigure('fig-referrals-ytd', s.referrals.yearToDate);
    setFigure('fig-referrals-previous', s.referrals.previousPeriod);
    setFigure('fig-priority-48h', shareText(s.priority.contactedWithin48h));
    setFigure('fig-priority-72h', shareText(s.priority.contactedWithin72h));
    setFigure('fig-open-breaches', live.openBreaches);
    setFigure('fig-at-risk', live.atRisk);
    setFigure('fig-self-referrals', s.selfReferrals.count);
    setFigure('fig-data-issues', s.dataIssues.NO_DATA + ' / ' + s.dataIssues.INSUFFICIENT_DATA + ' / ' + s.dataIssues.NO_CONSENT);
    barChart($('chart-per-day'), 'per-day-caption', live.referralsPerDay.map(function (d) {
      return { label: d.date, value: d.count, text: d.date + ': ' + d.count + ' referrals' };
    }), false);
    barChart($('chart-per-week'), 'per-week-caption', live.priorityContactPerWeek.map(function (w) {
      return { label: w.weekStart, value: w.percent === null ? 0 : Number(w.percent),
        text: 'Week of ' + w.weekStart + ': ' + (w.percent === null ? 'no decided priority cases' : w.percent + '% (' + w.count + ' of ' + w.of + ')') };
    }), true);
    renderWaiting(s.waitingLists);
    setStatus('Updated ' + new Date().toLocaleTimeString('en-GB') + ' · ' + s.eventsApplied + ' events applied · lag '
      + s.lagSeconds + ' s');
  }

  function renderWaiting(lists) {
    var body = $('waiting-rows');
    while (body.firstChild) { body.removeChild(body.firstChild); }
    Object.keys(lists).forEach(function (strand) {
      var w = lists[strand];
      var tr = document.createElement('tr');
      var th = document.createElement('th');
      th.scope = 'row';
      th.textContent = label(strand);
      tr.appendChild(th);
      [w.count, days(w.medianDays), days(w.longestDays)].forEach(function (v) {
        var td = document.createElement('td');
        td.className = 'num';
        td.textContent = v;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function days(value) { return value === null || value === undefined ? '–' : Number(value).toFixed(1); }

  // A labelled SVG bar chart: role=img with a title, one <title> per bar for hover and assistive tech.
  function barChart(container, captionId, points, percent) {
    var width = 900, height = 220, left = 40, bottom = 30, top = 10;
    var max = percent ? 100 : Math.max(1, Math.max.apply(null, points.map(function (p) { return p.value; })));
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-labelledby', captionId);
    var title = document.createElementNS(SVG, 'title');
    title.textContent = document.getElementById(captionId).textContent;
    svg.appendChild(title);
    var plotW = width - left - 10, plotH = height - top - bottom;
    var barW = points.length ? plotW / points.length : plotW;
    [0, 0.5, 1].forEach(function (f) {
      var y = top + plotH - f * plotH;
      var line = document.createElementNS(SVG, 'line');
      line.setAttribute('x1', left); line.setAttribute('x2', width - 10);
      line.setAttribute('y1', y); line.setAttribute('y2', y);
      line.setAttribute('stroke', '#ccc');
      svg.appendChild(line);
      var label = document.createElementNS(SVG, 'text');
      label.setAttribute('x', left - 4); label.setAttribute('y', y + 4);
      label.setAttribute('text-anchor', 'end'); label.setAttribute('font-size', '11');
      label.textContent = Math.round(f * max) + (percent ? '%' : '');
      svg.appendChild(label);
    });
    points.forEach(function (p, i) {
      var h = max > 0 ? p.value / max * plotH : 0;
      var rect = document.createElementNS(SVG, 'rect');
      rect.setAttribute('x', left + i * barW + barW * 0.1);
      rect.setAttribute('width', Math.max(1, barW * 0.8));
      rect.setAttribute('y', top + plotH - h);
      rect.setAttribute('height', h);
      rect.setAttribute('fill', '#1f5f8b');
      var t = document.createElementNS(SVG, 'title');
      t.textContent = p.text;
      rect.appendChild(t);
      svg.appendChild(rect);
    });
    if (points.length) {
      [0, points.length - 1].forEach(function (i) {
        var label = document.createElementNS(SVG, 'text');
        label.setAttribute('x', left + i * barW + barW / 2);
        label.setAttribute('y', height - 8);
        label.setAttribute('text-anchor', i === 0 ? 'start' : 'end');
        label.setAttribute('font-size', '11');
        label.textContent = points[i].label;
        svg.appendChild(label);
      });
    }
    while (container.firstChild) { container.removeChild(container.firstChild); }
    container.appendChild(svg);
  }

  function closeStream() {
    document.documentElement.setAttribute('data-stream', 'closed');
    if (state.source) { state.source.close(); state.source = null; }
  }

  // Buys a ticket with the token (POST, Authorization header) and listens; on error, buys a fresh one.
  function openStream() {
    closeStream();
    fetch('/api/v1/metrics/stream-tickets', { method: 'POST', headers: authHeaders() })
      .then(function (r) { if (!r.ok) { throw new Error('ticket refused (' + r.status + ')'); } return r.json(); })
      .then(function (t) {
        var source = new EventSource('/api/v1/metrics/stream?ticket=' + encodeURIComponent(t.ticket));
        state.source = source;
        source.onopen = function () { document.documentElement.setAttribute('data-stream', 'open'); };
        source.onmessage = function () { scheduleRefresh(); };
        source.onerror = function () {
          closeStream();
          setTimeout(openStream, 2000);
        };
      })
      .catch(function (err) {
        setStatus('Live updates paused: ' + err.message + '; retrying.');
        setTimeout(openStream, 5000);
      });
  }

  // Several events in a burst cause one refresh, at most ~200 ms after the first.
  function scheduleRefresh() {
    if (state.refreshTimer) { return; }
    state.refreshTimer = setTimeout(function () { state.refreshTimer = null; refresh(); }, 200);
  }

  // Reports need the token too, so they are fetched with it and handed to the browser as a file, never as a URL
  // that carries the token.
  function openReport(format) {
    if (!state.shownPeriod || state.shownKind === 'RANGE') {
      setStatus('Reports are for a quarter or a financial year.');
      return;
    }
    var url = '/api/v1/reports/quarterly/' + encodeURIComponent(state.shownPeriod)
      + (format === 'html' ? '' : '?format=' + format);
    fetch(url, { headers: { 'Authorization': 'Bearer ' + state.token } }).then(function (r) {
      if (!r.ok) { throw new Error('the report was refused (' + r.status + ')'); }
      return r.blob();
    }).then(function (blob) {
      var link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'lvs-report-' + state.shownPeriod + '.' + format;
      if (format === 'html') { link.target = '_blank'; link.removeAttribute('download'); }
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
    }).catch(function (err) { setStatus('Cannot fetch the report: ' + err.message); });
  }

  // The address bar keeps only the period: the token is read once and removed, so it is neither left on screen
  // nor kept in the history, bookmarks or a copied link (it stays in this tab's sessionStorage).
  function showPeriodInAddressBar() {
    var fragment = state.period ? '#period=' + encodeURIComponent(state.period) : '';
    history.replaceState(null, '', window.location.pathname + window.location.search + fragment);
  }

  // Shows another period: the address bar's fragment follows, so the link names what is on screen.
  function showPeriod(period) {
    state.period = period || '';
    $('period-input').value = state.period;
    showPeriodInAddressBar();
    refresh();
  }

  function start(token) {
    state.token = token;
    sessionStorage.setItem('lvs-ops-token', token);
    refresh();
    openStream();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var params = fragmentParams();
    state.period = params.period || '';
    $('period-input').value = state.period;
    $('token-form').addEventListener('submit', function (e) {
      e.preventDefault();
      start($('token-input').value.trim());
      $('token-input').value = '';
    });
    $('period-form').addEventListener('submit', function (e) {
      e.preventDefault();
      showPeriod($('period-input').value.trim());
    });
    $('period-previous').addEventListener('click', function () { showPeriod(state.previousPeriod); });
    $('period-next').addEventListener('click', function () { showPeriod(state.nextPeriod); });
    // someone edits the fragment (or follows another link to this page): show what it names
    window.addEventListener('hashchange', function () {
      var changed = fragmentParams();
      if (changed.token) {
        state.period = changed.period || '';
        showPeriodInAddressBar();
        start(changed.token);
      } else if ((changed.period || '') !== state.period) {
        state.period = changed.period || '';
        $('period-input').value = state.period;
        refresh();
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll('button.report'), function (button) {
      button.addEventListener('click', function () { openReport(button.getAttribute('data-format')); });
    });
    var token = params.token || sessionStorage.getItem('lvs-ops-token');
    if (params.token !== undefined) { showPeriodInAddressBar(); }
    if (token) { start(token); } else { showSignIn(); }
  });
}());
