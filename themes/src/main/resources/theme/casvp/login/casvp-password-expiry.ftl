<#-- casvp-password-expiry: an admin account's password expires soon. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("casvp.expiry.title")}
    <#elseif section = "form">
        <div id="casvp-password-expiry" class="${properties.kcContentWrapperClass!}">
            <p id="casvp-days-left">${msg("casvp.expiry.daysLeft", casvpDaysLeft)}</p>
            <p>${msg("casvp.expiry.why")}</p>
            <form id="casvp-password-expiry-form" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <button id="casvp-change-now" name="change" value="now" type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("casvp.expiry.changeNow")}</button>
                    <button id="casvp-later" name="later" value="later" type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("casvp.expiry.later")}</button>
                </div>
            </form>
        </div>
    </#if>
</@layout.registrationLayout>
