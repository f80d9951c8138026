package vn.chiso.orgunit;

import java.util.ArrayList;
import java.util.List;

/**
 * The level of an org unit (SPEC §3.5), in the order the tree lists the children of a unit: the
 * province, its departments, the districts (until 30/06/2025) and the communes.
 */
public enum Level {

    PROVINCE("cấp tỉnh", "tỉnh, thành phố", "Tỉnh", "Cấp tỉnh", "Thành phố trực thuộc trung ương"),
    DEPARTMENT("sở, ban, ngành", "sở, ban, ngành", "Sở", "Sở, ban, ngành", "Sở ban ngành"),
    DISTRICT("UBND cấp huyện", "huyện, thị xã, thành phố", "Huyện", "Cấp huyện", "Huyện, thị xã", "Thị xã"),
    COMMUNE("UBND cấp xã", "xã, phường", "Xã", "Cấp xã", "Xã, phường", "Phường", "Thị trấn", "Đặc khu");

    private final String vietnameseName;
    private final String peers;
    private final List<String> labels;

    Level(String vietnameseName, String peers, String... labels) {
        this.vietnameseName = vietnameseName;
        this.peers = peers;
        this.labels = List.of(labels);
    }

    /** The order units of a tree are listed in, and levels in a province summary. */
    public int rank() {
        return ordinal();
    }

    /** The level's name in a heading: "Xếp hạng UBND cấp xã". */
    public String vietnameseName() {
        return vietnameseName;
    }

    /** The units of the level as a rank counts them: "xếp thứ 3/40 xã, phường". */
    public String peers() {
        return peers;
    }

    /** The level of a stored code, or null for none or one chiso does not know. */
    public static Level of(String code) {
        if (code == null) {
            return null;
        }
        for (Level level : values()) {
            if (level.name().equals(code)) {
                return level;
            }
        }
        return null;
    }

    /**
     * The labels exports write for each level, as an enumerated column reads them: each level's code,
     * then its labels, the groups separated by null.
     */
    public static String[] exportLabels() {
        List<String> items = new ArrayList<>();
        for (Level level : values()) {
            if (!items.isEmpty()) {
                items.add(null);
            }
            items.add(level.name());
            items.addAll(level.labels);
        }
        return items.toArray(String[]::new);
    }
}
