/**
 * The Avro wire codec: single-object encoding with writer schemas resolved from the bundled schema
 * history ({@link io.edgesplit.schemas.AvroCodec}, {@link io.edgesplit.schemas.AvroSchemas}). The
 * generated record classes live in {@code io.edgesplit.avro}.
 */
package io.edgesplit.schemas;
