package vn.chiso.ingest;

import vn.chiso.ingest.read.Names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Header names and labels match ignoring case, diacritics and spacing (SPEC §3). */
class NamesTest {

    @Test
    void diacriticsCaseAndSpacingDoNotMatter() {
        // when
        String vietnamese = Names.normalize("Mã hồ sơ");
        String upperWithoutDiacritics = Names.normalize("MA HO SO");
        String snakeCase = Names.normalize("ma_ho_so");

        // then
        assertThat(vietnamese).isEqualTo(upperWithoutDiacritics).isEqualTo(snakeCase).isEqualTo("mahoso");
    }

    @Test
    void dWithStrokeIsPlainD() {
        assertThat(Names.normalize("Mã đơn vị")).isEqualTo(Names.normalize("MA DON VI"));
        assertThat(Names.normalize("Đã giải quyết")).isEqualTo("dagiaiquyet");
    }

    @Test
    void leadingTrailingAndRepeatedSpacesAreIgnored() {
        assertThat(Names.normalize("  Ngày   tiếp nhận ")).isEqualTo(Names.normalize("ngay_tiep_nhan"));
    }

    @Test
    void labelsInDecomposedUnicodeMatchPrecomposedOnes() {
        // given "Trạng thái" typed with combining marks, as some exports write it
        String decomposed = java.text.Normalizer.normalize("Trạng thái", java.text.Normalizer.Form.NFD);

        // then
        assertThat(Names.normalize(decomposed)).isEqualTo(Names.normalize("Trạng thái")).isEqualTo("trangthai");
    }

    @Test
    void nullIsTheEmptyName() {
        assertThat(Names.normalize(null)).isEmpty();
    }
}
