package dev.herald.demo;

/** A request the API refuses: answered with this status and {@code {"error": message}}, changing nothing. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }
}
