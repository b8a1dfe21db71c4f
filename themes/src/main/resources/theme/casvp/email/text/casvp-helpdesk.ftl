<#ftl output_format="plainText">
<#-- The helpdesk acted on the account, plain-text part. Same variables as the HTML part. -->
${msg("casvp.email.greeting")}

${msg("casvp.email.helpdesk.what.${casvpKind}", casvpWhen)}

${msg("casvp.email.helpdesk.next.${casvpKind}")}

${msg("casvp.email.helpdesk.ifNotYou")}

--
${msg("casvp.email.footer")}
${msg("casvp.email.noPassword")}
