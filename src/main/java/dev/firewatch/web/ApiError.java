package dev.firewatch.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The error body of every native API answer: what is wrong and how to fix it, and the field when there is
 * one ({@code {"error": "...", "field": "payload.severity"}}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String field) {
    public static ApiError of(String error) {
        return new ApiError(error, null);
    }
}
