package vn.chiso.ingest.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The repeated-key filter: a repeat is never missed, and a million distinct keys pass as distinct. */
class KeySketchTest {

    @Test
    void aMillionDistinctKeysAreNotTakenForARepeatAndAKeyAddedAgainIs() {
        KeySketch sketch = new KeySketch(1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            sketch.add("H94.XP1-2312" + i);
        }
        assertThat(sketch.maybeRepeated()).isFalse();

        sketch.add("H94.XP1-2312" + 123_456);
        assertThat(sketch.maybeRepeated()).isTrue();
    }

    @Test
    void anEmptyKeyIsNoKey() {
        KeySketch sketch = new KeySketch(10);
        sketch.add("");
        sketch.add("");
        sketch.add(null);
        assertThat(sketch.maybeRepeated()).isFalse();
    }
}
