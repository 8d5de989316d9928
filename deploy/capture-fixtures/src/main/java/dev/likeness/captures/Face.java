package dev.likeness.captures;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * Whose face the camera sees: public-domain portraits (resources/captures, their sources and
 * licences in the README there). Each is scaled and placed on a 512×512 scene so that its face,
 * as BlazeFace finds it, is where the astronaut's is: one head model animates them all.
 */
public enum Face {
    /** Eileen Collins, NASA: the face of every test. */
    ASTRONAUT("astronaut.png", 225, 132, 96, 222, 128),
    /** Grace Hopper, US Navy: facing the camera, glasses, a cap. */
    HOPPER("grace_hopper.jpg", 269, 243, 188, 264, 229),
    /** Marie Curie, 1920: black and white, her head a little turned and resting on her hand. */
    CURIE("Marie_Curie.jpg", 126, 164, 106, 149, 165);

    static final int SIDE = 512;
    /** Where the astronaut's face box is centred and how wide it is: where every face goes. */
    private static final double CENTRE_X = 225;
    private static final double CENTRE_Y = 132;
    private static final double WIDTH = 96;
    private static final double RIDGE_ABOVE_TIP = 4;

    private final String file;
    private final double centreX;
    private final double centreY;
    private final double scale;
    private final double noseX;
    private final double noseY;
    private int[] scene;

    Face(String file, double centreX, double centreY, double width, double noseX, double noseY) {
        this.file = file;
        this.centreX = centreX;
        this.centreY = centreY;
        this.scale = width / WIDTH;
        this.noseX = noseX;
        this.noseY = noseY;
    }

    /** The middle of the nose's ridge on the scene, x: where BlazeFace marks the nose. */
    double ridgeX() {
        return CENTRE_X + (noseX - centreX) / scale;
    }

    /** The middle of the nose's ridge on the scene, y: a little above where BlazeFace marks the nose. */
    double ridgeY() {
        return CENTRE_Y + (noseY - centreY) / scale - RIDGE_ABOVE_TIP;
    }

    /** The scene's RGB pixels, row by row; beyond the portrait's edges its edge pixels carry on. */
    synchronized int[] scene() {
        if (scene == null) {
            scene = placed(read());
        }
        return scene;
    }

    private BufferedImage read() {
        try (InputStream in = Face.class.getResourceAsStream("/captures/" + file)) {
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The portrait scaled (bilinearly) and moved so its face lands on the astronaut's. */
    private int[] placed(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        int[] placed = new int[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double sx = Math.max(0, Math.min(image.getWidth() - 1, centreX + (x - CENTRE_X) * scale));
                double sy = Math.max(0, Math.min(image.getHeight() - 1, centreY + (y - CENTRE_Y) * scale));
                placed[y * SIDE + x] = bilinear(pixels, image.getWidth(), image.getHeight(), sx, sy);
            }
        }
        return placed;
    }

    private static int bilinear(int[] pixels, int width, int height, double x, double y) {
        int left = (int) x;
        int top = (int) y;
        int right = Math.min(left + 1, width - 1);
        int bottom = Math.min(top + 1, height - 1);
        double fx = x - left;
        double fy = y - top;
        int rgb = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            double value = channel(pixels[top * width + left], shift) * (1 - fx) * (1 - fy)
                    + channel(pixels[top * width + right], shift) * fx * (1 - fy)
                    + channel(pixels[bottom * width + left], shift) * (1 - fx) * fy
                    + channel(pixels[bottom * width + right], shift) * fx * fy;
            rgb |= (int) Math.round(value) << shift;
        }
        return rgb;
    }

    private static int channel(int rgb, int shift) {
        return (rgb >> shift) & 0xFF;
    }
}
