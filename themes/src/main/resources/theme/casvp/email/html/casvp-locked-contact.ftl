<#-- To the security contact: an agent's sign-in was locked. Variables: casvpAgent, casvpUnlockAt, casvpScope. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p style="margin:0 0 16px 0;">${msg("casvp.email.lockedContact.what.${casvpScope}", casvpAgent, casvpUnlockAt)}</p>
<p style="margin:0;">${msg("casvp.email.lockedContact.next")}</p>
</@layout.emailLayout>
