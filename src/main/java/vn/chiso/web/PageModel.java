package vn.chiso.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

import vn.chiso.security.ChisoUser;
import vn.chiso.security.OrgScope;
import vn.chiso.security.Role;

/** What every page's header needs: who is signed in and which menu entries they may use. */
@ControllerAdvice(annotations = Controller.class)
class PageModel {

    record Me(String name, Role role, String org, boolean officer, boolean admin) {
    }

    @ModelAttribute("me")
    Me me(Authentication authentication) {
        ChisoUser user = OrgScope.user(authentication);
        if (user == null) {
            return null;
        }
        return new Me(user.getUsername(), user.role(), user.org(), user.role().compareTo(Role.OFFICER) >= 0, user.role() == Role.ADMIN);
    }

    /** The login page; Spring Security handles its POST. */
    @Controller
    static class Login {

        /** {@code locked} is the minutes a throttled sign-in must wait (SecurityConfiguration's failure handler). */
        @GetMapping("/login")
        String login(@org.springframework.web.bind.annotation.RequestParam(required = false) String locked, org.springframework.ui.Model model) {
            if (locked != null && locked.matches("\\d{1,4}")) {
                model.addAttribute("lockedMinutes", Integer.parseInt(locked));
            }
            return "login";
        }
    }
}
