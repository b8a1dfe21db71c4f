<#ftl output_format="plainText">
<#-- The recovery address changed, plain-text part. Same variables as the HTML part. -->
${msg("casvp.email.greeting")}

${msg("casvp.email.recoveryAddress.what.${casvpKind}", casvpNewAddress, casvpWhen)}

${msg("casvp.email.change.ifYou")}

${msg("casvp.email.change.ifNotYou")}

--
${msg("casvp.email.footer")}
${msg("casvp.email.noPassword")}
