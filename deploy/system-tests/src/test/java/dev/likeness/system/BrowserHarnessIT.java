package dev.likeness.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.likeness.captures.Captures;
import dev.likeness.system.Chromium.FakeDevices;

/**
 * The browser harness on its own, no service needed: a page served here records the fake camera
 * and microphone (a live act of the sample captures) with MediaRecorder and uploads the WebM, which
 * must hold one video and one audio track about as long as the recording; the page must pass axe.
 */
class BrowserHarnessIT {

    private static final Duration RECORDING = Duration.ofSeconds(3);
    /** Recording plus encoding and upload, with room for a slow machine. */
    private static final Duration UPLOAD_WAIT = Duration.ofSeconds(30);
    private static final Duration PAGE_WAIT = Duration.ofSeconds(10);

    /** A capture page as the console's will be: lang, title, a main landmark, named controls, a live status. */
    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Capture check</title>
            </head>
            <body>
            <main>
              <h1>Capture check</h1>
              <video id="preview" aria-label="Camera preview" width="320" height="240" muted playsinline autoplay></video>
              <p id="status" role="status">Ready</p>
              <button id="record" type="button">Record RECORDING_SECONDS seconds</button>
            </main>
            <script>
              const status = document.getElementById('status');
              document.getElementById('record').addEventListener('click', async () => {
                try {
                  const stream = await navigator.mediaDevices.getUserMedia({video: true, audio: true});
                  document.getElementById('preview').srcObject = stream;
                  const recorder = new MediaRecorder(stream, {mimeType: 'video/webm;codecs=vp8,opus'});
                  const chunks = [];
                  recorder.ondataavailable = event => chunks.push(event.data);
                  const stopped = new Promise(resolve => recorder.onstop = resolve);
                  recorder.start();
                  status.textContent = 'Recording';
                  setTimeout(() => recorder.stop(), RECORDING_SECONDS * 1000);
                  await stopped;
                  stream.getTracks().forEach(track => track.stop());
                  const response = await fetch('/upload', {method: 'POST', headers: {'Content-Type': recorder.mimeType},
                      body: new Blob(chunks, {type: recorder.mimeType})});
                  status.textContent = response.ok ? 'Uploaded' : 'Upload refused: ' + response.status;
                } catch (error) {
                  status.textContent = 'Failed: ' + error;
                }
              });
            </script>
            </body>
            </html>
            """.replace("RECORDING_SECONDS", String.valueOf(RECORDING.toSeconds()));

    private record Upload(String contentType, byte[] body) {
    }

    @Test
    void chromiumRecordsTheFakeCameraAndMicrophoneAndThePagePassesAxe(@TempDir Path directory) throws Exception {
        FakeDevices devices = FakeDevices.playing(Captures.live("284622", List.of("LEFT", "RIGHT")), 1, directory);
        assertTrue(devices.length().compareTo(RECORDING) > 0,
                "Chromium loops the clip: the page must record no longer than its " + devices.length());
        CompletableFuture<String> acceptLanguage = new CompletableFuture<>();
        CompletableFuture<Upload> upload = new CompletableFuture<>();
        HttpServer server = serve(acceptLanguage, upload);
        try (Chromium chromium = Chromium.start(Locale.US, devices)) {
            ChromeDriver browser = chromium.driver();
            browser.get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            // First the language asked for; Chromium adds its base language after it (fr-FR,fr;q=0.9).
            assertEquals("en-US", acceptLanguage.getNow("").split(",")[0], "Accept-Language");
            assertEquals(List.of("en-US"), browser.executeScript("return navigator.languages"));

            browser.findElement(By.id("record")).click();
            WebDriverWait page = new WebDriverWait(browser, PAGE_WAIT);
            page.until(ExpectedConditions.textToBe(By.id("status"), "Recording"));
            // The camera's picture on screen, for the screenshot.
            page.until(driver -> browser.executeScript("return document.getElementById('preview').readyState >= 2"));
            Screenshots.save(browser, "browser-harness-recording");

            Upload received = awaitUpload(upload, browser);
            page.until(ExpectedConditions.textToBe(By.id("status"), "Uploaded"));
            Accessibility.assertAccessible(browser);
            assertTrue(received.contentType().startsWith("video/webm"), received.contentType());
            assertRecording(received.body(), directory.resolve("upload.webm"));
        } finally {
            server.stop(0);
        }
    }

    private static Upload awaitUpload(CompletableFuture<Upload> upload, ChromeDriver browser) throws Exception {
        try {
            return upload.get(UPLOAD_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return fail("no upload within " + UPLOAD_WAIT + "; the page says: " + browser.findElement(By.id("status")).getText());
        }
    }

    /** Decodes the upload: one VP8 video and one Opus audio stream, each about as long as the recording. */
    private static void assertRecording(byte[] webm, Path file) throws IOException {
        Files.write(file, webm);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            assertEquals("matroska,webm", grabber.getFormat());
            AVFormatContext container = grabber.getFormatContext();
            int video = 0;
            int audio = 0;
            for (int i = 0; i < container.nb_streams(); i++) {
                int type = container.streams(i).codecpar().codec_type();
                video += type == avutil.AVMEDIA_TYPE_VIDEO ? 1 : 0;
                audio += type == avutil.AVMEDIA_TYPE_AUDIO ? 1 : 0;
            }
            assertEquals(1, video, "video streams");
            assertEquals(1, audio, "audio streams");
            assertEquals(avcodec.AV_CODEC_ID_VP8, grabber.getVideoCodec(), "video codec");
            assertEquals(avcodec.AV_CODEC_ID_OPUS, grabber.getAudioCodec(), "audio codec");
            // MediaRecorder's WebM states no duration: the last frame of each track tells it.
            long videoEnd = -1;
            long audioEnd = -1;
            for (Frame frame; (frame = grabber.grab()) != null; ) {
                if (frame.image != null) {
                    videoEnd = frame.timestamp;
                }
                if (frame.samples != null) {
                    audioEnd = frame.timestamp;
                }
            }
            assertAbout(RECORDING, videoEnd, "video");
            assertAbout(RECORDING, audioEnd, "audio");
        }
    }

    private static void assertAbout(Duration expected, long endMicros, String track) {
        double seconds = endMicros / 1e6;
        assertTrue(Math.abs(seconds - expected.toMillis() / 1e3) < 0.5,
                track + " track ends at " + seconds + " s, not about " + expected.toSeconds() + " s");
    }

    /** The page (noting the Accept-Language it was asked with) and the upload's endpoint, on loopback. */
    private static HttpServer serve(CompletableFuture<String> acceptLanguage, CompletableFuture<Upload> upload) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/")) {
                acceptLanguage.complete(exchange.getRequestHeaders().getFirst("Accept-Language"));
                respond(exchange, 200, PAGE.getBytes(UTF_8));
            } else {
                respond(exchange, 404, null);
            }
        });
        server.createContext("/upload", exchange -> {
            upload.complete(new Upload(exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestBody().readAllBytes()));
            respond(exchange, 204, null);
        });
        server.start();
        return server;
    }

    /** A status and an HTML body, or none ({@code null}). */
    private static void respond(HttpExchange exchange, int status, byte[] html) throws IOException {
        try {
            if (html == null) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(status, html.length);
                exchange.getResponseBody().write(html);
            }
        } finally {
            exchange.close();
        }
    }
}
