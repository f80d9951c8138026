package vn.chiso.web;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A page asked for something that is not there: the error page with 400 or 404, not a 500. */
@ControllerAdvice(assignableTypes = {DashboardPages.class, RunPages.class, ReportPages.class, AdminPages.class, WarningPages.class})
class PageErrors {

    @ExceptionHandler(ApiErrors.NotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("status", 404);
        return "error";
    }

    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badRequest(Model model) {
        model.addAttribute("status", 400);
        return "error";
    }
}
