package io.proxyfs.json;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code long} (or a {@code List<Long>}'s elements, with {@code contentUsing}) as a Go
 * {@code uint64} on the wire: written and read unsigned through {@link UnsignedLongSerializer} and
 * {@link UnsignedLongDeserializer}.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonSerialize(using = UnsignedLongSerializer.class)
@JsonDeserialize(using = UnsignedLongDeserializer.class)
public @interface U64 {
}
