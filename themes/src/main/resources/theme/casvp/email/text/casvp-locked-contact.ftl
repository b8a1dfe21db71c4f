<#ftl output_format="plainText">
<#-- To the security contact: an agent's sign-in was locked. Same variables as the HTML part. -->
${msg("casvp.email.lockedContact.what.${casvpScope}", casvpAgent, casvpUnlockAt)}

${msg("casvp.email.lockedContact.next")}

--
${msg("casvp.email.footer")}
