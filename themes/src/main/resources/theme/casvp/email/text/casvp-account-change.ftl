<#ftl output_format="plainText">
<#-- Password or second factor changed, plain-text part. Same variables as the HTML part. -->
${msg("casvp.email.greeting")}

${msg("casvp.email.change.what.${casvpKind}.${casvpBy}", casvpWhen)}

${msg("casvp.email.change.ifYou")}

${msg("casvp.email.change.ifNotYou")}

--
${msg("casvp.email.footer")}
${msg("casvp.email.noPassword")}
