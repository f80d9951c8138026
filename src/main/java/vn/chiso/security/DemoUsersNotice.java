package vn.chiso.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Tells every page whether the demo users, whose passwords the README prints, can sign in. */
@ControllerAdvice(annotations = Controller.class)
class DemoUsersNotice {

    private final UserStore users;

    DemoUsersNotice(UserStore users) {
        this.users = users;
    }

    @ModelAttribute("demoUsersOpen")
    boolean demoUsersOpen() {
        return users.demo();
    }
}
