package fr.paris.casvp.keycloak.it.bench;

/**
 * One of the flows a latency comparison times: what the log and the report call it, what it is,
 * and the client of the bench realm bound to it.
 */
record Variant(String label, String description, String clientId) {
}
