package vn.chiso.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * The API's errors as {@code {"status", "error"}}, with a reason a user can act on. Access errors are
 * left to Spring Security (401, 403).
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiErrors {

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
}
