package vn.chiso.scoring;

/**
 * The five groups of the national service index (Decision 766/QĐ-TTg, SPEC §6a). Their points come
 * from the index's rule file ({@link Index766Rules}); the row codes of {@code scores-<window>.csv}
 * are {@code INDEX_766_} and the group's name.
 */
public enum Index766Group {

    CONG_KHAI("Công khai, minh bạch"),
    TIEN_DO("Tiến độ, kết quả giải quyết"),
    SO_HOA("Số hóa hồ sơ"),
    TRUC_TUYEN("Cung cấp dịch vụ trực tuyến"),
    HAI_LONG("Mức độ hài lòng");

    private final String vietnameseName;

    Index766Group(String vietnameseName) {
        this.vietnameseName = vietnameseName;
    }

    public String vietnameseName() {
        return vietnameseName;
    }

    /** The group's subtotal row: {@code INDEX_766_CONG_KHAI}. */
    public String code() {
        return Index766Score.TOTAL + "_" + name();
    }
}
