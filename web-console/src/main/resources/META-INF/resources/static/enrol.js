// Enrolment in the browser: the camera preview, the recording (MediaRecorder: Chromium writes
// WebM with VP8 and Opus, which identity-service reads as it is) and its upload with progress.
// Everything is decided by identity-service; this file only records and sends.
(function () {
  'use strict';
  var challenge = document.getElementById('challenge');
  if (!challenge) { return; }
  var texts = document.getElementById('enrol-texts').dataset;
  var enrolment = challenge.dataset.enrolment;
  var preview = document.getElementById('preview');
  var cameraOn = document.getElementById('camera-on');
  var record = document.getElementById('record');
  var status = document.getElementById('recording-status');
  var progress = document.getElementById('upload-progress');
  var countdown = document.getElementById('countdown');
  var csrf = document.querySelector('input[name="csrf-token"]').value;
  var maxSeconds = 10; // identity-service refuses captures longer than 10 s
  var stream = null;
  var recorder = null;
  var stopTimer = null;

  var left = parseInt(challenge.dataset.secondsLeft, 10);
  var ticking = setInterval(function () {
    left = Math.max(0, left - 1);
    countdown.textContent = left;
    if (left === 0) {
      clearInterval(ticking);
      status.textContent = texts.expired;
      record.disabled = true;
    }
  }, 1000);

  function camera() {
    if (stream) { return Promise.resolve(stream); }
    if (!navigator.mediaDevices || !window.MediaRecorder) {
      return Promise.reject(new Error(texts.noCamera));
    }
    return navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: true })
      .then(function (s) {
        stream = s;
        preview.srcObject = s;
        preview.play();
        record.disabled = false;
        return s;
      });
  }

  cameraOn.addEventListener('click', function () {
    camera().catch(function () { status.textContent = texts.noCamera; });
  });

  record.disabled = false;
  record.addEventListener('click', function () {
    if (recorder && recorder.state === 'recording') {
      recorder.stop();
      return;
    }
    camera().then(function (s) {
      var chunks = [];
      recorder = new MediaRecorder(s);
      recorder.ondataavailable = function (e) { if (e.data.size > 0) { chunks.push(e.data); } };
      recorder.onstop = function () {
        clearTimeout(stopTimer);
        s.getTracks().forEach(function (t) { t.stop(); });
        stream = null;
        record.disabled = true;
        upload(new Blob(chunks, { type: recorder.mimeType }));
      };
      recorder.start();
      record.textContent = record.dataset.stop || record.textContent;
      record.setAttribute('aria-pressed', 'true');
      status.textContent = texts.recording;
      stopTimer = setTimeout(function () { recorder.stop(); }, maxSeconds * 1000);
    }).catch(function () { status.textContent = texts.noCamera; });
  });

  function upload(blob) {
    status.textContent = texts.uploading;
    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/enrol/' + enrolment + '/capture');
    xhr.setRequestHeader('Content-Type', (blob.type || 'video/webm').split(';')[0]);
    xhr.setRequestHeader('X-CSRF-TOKEN', csrf);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { progress.value = Math.round(100 * e.loaded / e.total); }
    };
    xhr.upload.onload = function () { progress.value = 100; status.textContent = texts.verifying; };
    xhr.onload = function () {
      // Verified or rejected, the enrolment's page tells each check; any other problem is in the answer.
      var page = new DOMParser().parseFromString(xhr.responseText, 'text/html');
      var main = page.getElementById('main');
      if (xhr.status < 300 && xhr.responseURL) {
        window.location.assign(xhr.responseURL);
      } else if (main) {
        document.getElementById('main').replaceWith(main);
      }
    };
    xhr.send(blob);
  }
})();
