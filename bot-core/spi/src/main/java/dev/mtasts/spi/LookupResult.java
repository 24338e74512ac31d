package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of a lookup (DNS query, HTTPS fetch, SMTP probe). A lookup failure is a value, never an exception, so
 * checks switch over it exhaustively.
 */
public sealed interface LookupResult<T> {
    /** The lookup answered. */
    record Found<T>(T value) implements LookupResult<T> {
        public Found {
            requireNonNull(value, "value is null");
        }
    }

    /** The lookup worked and says there is nothing: NXDOMAIN, no records of the type, a dangling CNAME. */
    record NotFound<T>(NotFoundKind kind, String detail) implements LookupResult<T> {
        public NotFound {
            requireNonNull(kind, "kind is null");
            requireNonNull(detail, "detail is null");
        }
    }

    /** The lookup could not be completed: timeout, server failure, refused address, TLS failure. */
    record Failed<T>(FailureKind kind, String detail) implements LookupResult<T> {
        public Failed {
            requireNonNull(kind, "kind is null");
            requireNonNull(detail, "detail is null");
        }
    }

    enum NotFoundKind {
        /** The name does not exist. */
        NXDOMAIN,
        /** The name exists but has no records of the type asked. */
        NO_DATA,
        /** A CNAME points at a name that does not exist or has no records of the type. */
        DANGLING_CNAME
    }

    enum FailureKind {
        TIMEOUT,
        SERVER_FAILURE,
        CNAME_LOOP,
        /** The address guard refused every address of the target. */
        ADDRESS_REFUSED,
        CONNECTION_REFUSED,
        CONNECTION_FAILED,
        TLS_FAILURE,
        PROTOCOL_ERROR,
        /** The domain's overall deadline passed before the lookup finished. */
        DEADLINE
    }

    static <T> LookupResult<T> found(T value) {
        return new Found<>(value);
    }

    static <T> LookupResult<T> notFound(NotFoundKind kind, String detail) {
        return new NotFound<>(kind, detail);
    }

    static <T> LookupResult<T> failed(FailureKind kind, String detail) {
        return new Failed<>(kind, detail);
    }

    default Optional<T> found() {
        return switch (this) {
            case Found<T> found -> Optional.of(found.value());
            case NotFound<T> notFound -> Optional.empty();
            case Failed<T> failed -> Optional.empty();
        };
    }

    /** Maps the found value; not-found and failed pass through unchanged. */
    default <U> LookupResult<U> map(Function<? super T, ? extends U> mapper) {
        return switch (this) {
            case Found<T> found -> new Found<>(mapper.apply(found.value()));
            case NotFound<T> notFound -> new NotFound<>(notFound.kind(), notFound.detail());
            case Failed<T> failed -> new Failed<>(failed.kind(), failed.detail());
        };
    }

    /** One line for users: the value's own description is the caller's business, this covers the rest. */
    default String describe() {
        return switch (this) {
            case Found<T> found -> "found";
            case NotFound<T> notFound -> notFound.detail();
            case Failed<T> failed -> failed.detail();
        };
    }
}
