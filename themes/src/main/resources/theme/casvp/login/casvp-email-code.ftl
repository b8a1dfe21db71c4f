<#-- casvp-email-otp: the one-time code mailed to the recovery address. -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<#import "casvp-fields.ftl" as casvpField>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("casvp.emailCode.title")}
    <#elseif section = "form">
        <form id="casvp-email-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <p id="casvp-email-code-sent">${msg("casvp.emailCode.sentTo", casvpMaskedAddress)}</p>
            <@casvpField.text name="code" label=msg("casvp.emailCode.label") autocomplete="one-time-code" numeric=true/>
            <@buttons.actionGroup>
                <@buttons.button id="casvp-email-code-submit" name="login" label="doLogIn" value="login"/>
                <@buttons.button id="casvp-email-code-resend" name="resend" label="casvp.emailCode.resend" type="secondary" value="resend"/>
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>
