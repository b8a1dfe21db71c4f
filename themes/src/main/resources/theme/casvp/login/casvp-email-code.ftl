<#-- casvp-email-otp: the one-time code mailed to the recovery address. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("casvp.emailCode.title")}
    <#elseif section = "form">
        <p id="casvp-email-code-sent">${msg("casvp.emailCode.sentTo", casvpMaskedAddress)}</p>
        <form id="casvp-email-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="code" class="${properties.kcLabelClass!}">${msg("casvp.emailCode.label")}</label>
                <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" autofocus
                       class="${properties.kcInputClass!}"/>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <button id="casvp-email-code-submit" type="submit" name="login" value="login"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("doLogIn")}</button>
                <button id="casvp-email-code-resend" type="submit" name="resend" value="resend"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("casvp.emailCode.resend")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
