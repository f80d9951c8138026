package vn.chiso.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import vn.chiso.security.Shown;

/**
 * The API's errors as {@code {"status", "error"}}, with a reason a user can act on. Access errors are
 * left to Spring Security (401, 403). A bad parameter is the caller's mistake, 400, whatever part of
 * the stack notices it: the binder (a non-number for a number), a parser ({@link IllegalArgumentException}),
 * or {@link Parameters} before the value reaches PostgreSQL, which refuses a NUL character with an error
 * that would otherwise be a 500.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiErrors {

    /** Longer than any window id, unit code, date or number a caller has reason to send. */
    static final int MAX_PARAMETER_LENGTH = 200;

    /** Something asked for that does not exist: 404. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Map<String, Object>> notFound(NotFound e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler({IllegalArgumentException.class, MissingServletRequestParameterException.class})
    ResponseEntity<Map<String, Object>> badRequest(Exception e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(TypeMismatchException.class)
    ResponseEntity<Map<String, Object>> badValue(TypeMismatchException e) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        String type = e.getRequiredType() == null ? "another value" : switch (e.getRequiredType().getSimpleName()) {
            case "int", "long", "Integer", "Long" -> "a whole number";
            case "LocalDate" -> "a date yyyy-MM-dd";
            case "boolean", "Boolean" -> "true or false";
            default -> "a " + e.getRequiredType().getSimpleName();
        };
        return error(HttpStatus.BAD_REQUEST, "parameter " + name + ": '" + Shown.of(e.getValue()) + "' is not " + type);
    }

    @ExceptionHandler({ServletRequestBindingException.class, HttpMessageNotReadableException.class})
    ResponseEntity<Map<String, Object>> unreadable(Exception e) {
        return error(HttpStatus.BAD_REQUEST, e instanceof HttpMessageNotReadableException
                ? "the request body is not the JSON this call expects" : e.getMessage());
    }

    @ExceptionHandler({IllegalStateException.class, java.util.NoSuchElementException.class})
    ResponseEntity<Map<String, Object>> conflict(RuntimeException e) {
        return error(e instanceof java.util.NoSuchElementException ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(Uploads.Busy.class)
    ResponseEntity<Map<String, Object>> busy(Uploads.Busy e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
        return error(HttpStatus.CONTENT_TOO_LARGE, "the upload is larger than the limit (CHISO_UPLOAD_LIMIT)");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Map<String, Object>> notMultipart(MultipartException e) {
        return error(HttpStatus.BAD_REQUEST, "expected a multipart/form-data upload with one or more 'file' parts");
    }

    static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("status", status.value(), "error", message == null ? status.getReasonPhrase() : message));
    }

    /**
     * Refuses, before any controller reads them, the API's parameters no caller can mean: a control
     * character (PostgreSQL refuses NUL in text) or a value longer than {@value #MAX_PARAMETER_LENGTH}.
     */
    @Configuration(proxyBeanMethods = false)
    static class Parameters implements WebMvcConfigurer, HandlerInterceptor {

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(this).addPathPatterns("/api/**");
        }

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            request.getParameterMap().forEach((name, values) -> {
                for (String value : values) {
                    if (value.length() > MAX_PARAMETER_LENGTH) {
                        throw new IllegalArgumentException("parameter " + Shown.of(name) + " is longer than " + MAX_PARAMETER_LENGTH + " characters");
                    }
                    if (value.chars().anyMatch(Character::isISOControl)) {
                        throw new IllegalArgumentException("parameter " + Shown.of(name) + " holds a control character: '" + Shown.of(value) + "'");
                    }
                }
            });
            return true;
        }
    }
}
