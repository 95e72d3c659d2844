; Inno Setup script of the pmodesk Windows installer.
;
; Build on Windows, from the repository root, after the bundle exists:
;   py -3.12 -m venv packaging\build\venv
;   packaging\build\venv\Scripts\pip install . pyinstaller pillow
;   packaging\build\venv\Scripts\python packaging\make_icons.py
;   packaging\build\venv\Scripts\pyinstaller --noconfirm --distpath packaging\dist --workpath packaging\build\pyinstaller packaging\pmodesk.spec
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\pmodesk.iss
; The installer lands in packaging\dist\installer\pmodesk-<version>-setup.exe.
;
; AppVersion must equal pmodesk.__version__ in pmodesk/__init__.py: tests/e2e/test_packaging.py
; checks it. Override at build time with ISCC /DAppVersion=x.y.z if you script releases.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "pmodesk"
#define AppExe "pmodesk.exe"
#define ProgId "pmodesk.workspace"

[Setup]
; A fixed AppId keeps upgrades in place; never change it.
AppId={{6B0E4D52-3C1A-4E8B-9A57-2F0C5D9E7A11}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The pmodesk developers
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user install by default (no admin rights on managed laptops); the user may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir=..\dist\installer
OutputBaseFilename=pmodesk-{#AppVersion}-setup
SetupIconFile=..\build\icons\pmodesk.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "association"; Description: "Open .pmodesk workspaces with pmodesk"; GroupDescription: "File types:"

[Files]
; The whole PyInstaller one-folder bundle.
Source: "..\dist\pmodesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .pmodesk -> pmodesk.workspace -> "pmodesk.exe" "%1" (HKA: per-user or machine, as installed).
Root: HKA; Subkey: "Software\Classes\.pmodesk"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.pmodesk\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "pmodesk workspace"; Flags: uninsdeletekey; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: association
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".pmodesk"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
