package vn.chiso.security;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's API tokens (mã API): make one, shown once, and revoke it. */
@Controller
class TokenPages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    /** A token as its row shows it, times in Vietnam's. */
    record Row(long id, String name, String created, String lastUsed, String revoked) {
    }

    private final ApiTokens tokens;

    TokenPages(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/tokens")
    String tokens(Authentication user, Model model) {
        model.addAttribute("tokens", tokens.of(user.getName()).stream()
                .map(t -> new Row(t.id(), t.name(), time(t.createdAt()), time(t.lastUsedAt()), time(t.revokedAt()))).toList());
        return "tokens";
    }

    @PostMapping("/tokens")
    String create(@RequestParam(required = false) String name, Authentication user, RedirectAttributes redirect) {
        try {
            ApiTokens.Created created = tokens.create(user.getName(), name);
            // A flash attribute: the secret is in this one answer, never in a URL or a later page.
            redirect.addFlashAttribute("created", created);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", "Cần đặt tên cho mã (1 đến 100 ký tự), ví dụ tên kịch bản dùng nó.");
        }
        return "redirect:/tokens";
    }

    @PostMapping("/tokens/{id}/revoke")
    String revoke(@PathVariable long id, Authentication user, RedirectAttributes redirect) {
        if (tokens.revoke(user.getName(), id)) {
            redirect.addFlashAttribute("notice", "Đã thu hồi mã #" + id + ": từ nay API từ chối nó.");
        } else {
            redirect.addFlashAttribute("error", "Không có mã #" + id + " còn hiệu lực của bạn.");
        }
        return "redirect:/tokens";
    }

    private static String time(OffsetDateTime t) {
        return t == null ? "" : TIME.format(t);
    }
}
